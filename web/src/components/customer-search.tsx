import { Combobox, Loader, Text, TextInput, useCombobox } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import type { Customer } from '../api/tickets.ts';

const NEW = '__new__';

/**
 * Search-as-you-type for the customer on the line: the server searches name, organisation, phone
 * and email (Chinese substrings too). ↑ ↓ move, Enter chooses; the last option is always
 * "New customer", so an unknown caller is one keystroke away.
 */
export function CustomerSearch(props: {
  onChoose: (customer: Customer) => void;
  onNew: (typed: string) => void;
  autoFocus?: boolean;
  inputRef?: Ref<HTMLInputElement>;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 200);
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });
  const query = useQuery({
    queryKey: ['customers', 'search', debounced],
    queryFn: async () => (await api.get<{ items: Customer[] }>('/api/customers', { q: debounced, limit: 8 })).items,
    enabled: debounced.length > 0,
    staleTime: 30_000,
  });
  const results = debounced.length > 0 ? (query.data ?? []) : [];
  const pending = search.trim() !== debounced || (debounced.length > 0 && query.isFetching && !query.data);

  // The first match is highlighted as results arrive, so Enter takes it.
  useEffect(() => {
    if (search.trim()) combobox.selectFirstOption();
  }, [query.data, debounced, pending]);

  const describe = (c: Customer) => [c.organisation, ...c.phones, ...c.emails].filter(Boolean).join(' · ');

  return (
    <Combobox
      store={combobox}
      withinPortal
      onOptionSubmit={(value) => {
        combobox.closeDropdown();
        if (value === NEW) {
          props.onNew(search.trim());
          return;
        }
        const chosen = results.find((c) => String(c.id) === value);
        if (chosen) props.onChoose(chosen);
      }}
    >
      <Combobox.Target>
        <TextInput
          ref={props.inputRef}
          label={t('register.customerSearch')}
          description={t('register.customerSearchHint')}
          value={search}
          autoFocus={props.autoFocus}
          autoComplete="off"
          rightSection={pending && search.trim() ? <Loader size="xs" aria-label={t('register.searching')} /> : null}
          onChange={(e) => {
            setSearch(e.currentTarget.value);
            combobox.openDropdown();
            combobox.updateSelectedOptionIndex();
          }}
          onClick={() => combobox.openDropdown()}
          onFocus={() => {
            if (search.trim()) combobox.openDropdown();
          }}
          onBlur={() => combobox.closeDropdown()}
        />
      </Combobox.Target>
      <Combobox.Dropdown hidden={!search.trim()}>
        <Combobox.Options aria-label={t('register.customerSearch')}>
          {results.map((c) => (
            <Combobox.Option value={String(c.id)} key={c.id}>
              <Text size="sm" fw={500}>
                {c.name}
              </Text>
              {describe(c) && (
                // Inherits the option's colour: the highlighted option is white on blue.
                <Text size="xs" c="inherit">
                  {describe(c)}
                </Text>
              )}
            </Combobox.Option>
          ))}
          {pending && results.length === 0 ? <Combobox.Empty>{t('register.searching')}</Combobox.Empty> : null}
          {/* Offered once the search has answered, so a fast Enter never skips an existing customer. */}
          {!pending && (
            <Combobox.Option value={NEW}>
              <Text size="sm" fw={500}>
                {search.trim() ? t('register.newCustomerOption', { name: search.trim() }) : t('register.newCustomerOptionEmpty')}
              </Text>
            </Combobox.Option>
          )}
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  );
}
