import { Button, Group, Select, Stack } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { buildTree, flattenTree, subtreeIds } from '../lib/tree.ts';
import { fieldError, formError } from '../lib/errors.ts';
import { ErrorAlert } from './error-alert.tsx';
import { AppModal } from './app-modal.tsx';

const TOP = 'top';

/** Choose a new parent (or the top level); the item itself and its descendants are not offered. */
export function MoveModal<T extends { id: number; parentId: number | null; name: string; active: boolean }>(props: {
  title: string;
  label: string;
  topLevelLabel: string;
  item: T;
  items: readonly T[];
  onSubmit: (parentId: number | null) => Promise<void>;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const [value, setValue] = useState<string>(props.item.parentId === null ? TOP : String(props.item.parentId));
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const excluded = subtreeIds(props.items, props.item.id);
  const candidates = props.items.filter((i) => !excluded.has(i.id) && (i.active || i.id === props.item.parentId));
  const options = [
    { value: TOP, label: props.topLevelLabel },
    ...flattenTree(buildTree(candidates, i18n.language)).map(({ item, path }) => ({ value: String(item.id), label: path })),
  ];

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await props.onSubmit(value === TOP ? null : Number(value));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <AppModal opened onClose={props.onClose} title={props.title}>
      <form onSubmit={(e) => void submit(e)}>
        <Stack>
          <ErrorAlert message={formError(t, error, ['parentId'])} />
          <Select
            label={props.label}
            data={options}
            value={value}
            onChange={(v) => v && setValue(v)}
            allowDeselect={false}
            searchable
            error={fieldError(t, error, 'parentId')}
            data-autofocus
            comboboxProps={{ withinPortal: true }}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
