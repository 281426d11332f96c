import { Alert, Button, Card, Group, NativeSelect, SimpleGrid, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiError, api } from '../../api/client.ts';
import { useAllCategories } from '../../api/org.ts';
import { CHANNELS, PRIORITIES, newIdempotencyKey, refreshTickets, type Channel, type Customer, type Priority, type Ticket } from '../../api/tickets.ts';
import { CategorySelect, suggestedFor } from '../../components/category-select.tsx';
import { CustomerSearch } from '../../components/customer-search.tsx';
import { DepartmentSelect } from '../../components/department-select.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { customersApi, type DuplicateCandidate } from '../../api/customers.ts';
import { usePageTitle } from '../../components/use-page-title.ts';
import { fieldError, formError } from '../../lib/errors.ts';
import { CUSTOMER_KINDS, type CustomerKind } from '../../../../src/domain/customers/customer-fields.ts';

const FIELDS = ['subject', 'description', 'categoryId', 'priority', 'channel', 'customerId', 'customerContact', 'newCustomer', 'name', 'phones', 'emails', 'organisation', 'kind', 'departmentId'];


/** A new customer is a person, an organisation, or an internal department (the next step in a process is a customer too). */
type NewCustomer = { kind: 'new'; customerKind: CustomerKind; name: string; phone: string; organisation: string; email: string; departmentId: number | null };
type CustomerChoice = { kind: 'none' } | { kind: 'existing'; customer: Customer } | NewCustomer;

/**
 * Registering a phone request, keyboard first: the customer search has focus, ↑ ↓ Enter choose,
 * Tab walks the fields in the order a call goes, and Ctrl+Enter registers from anywhere in the form.
 * One Idempotency-Key per form: a double submit or a retry after a lost answer never makes two tickets.
 */
export function RegisterPage() {
  const { t } = useTranslation();
  usePageTitle(t('register.title'));
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const categories = useAllCategories();

  const [customer, setCustomer] = useState<CustomerChoice>({ kind: 'none' });
  const [contact, setContact] = useState('');
  const [subject, setSubject] = useState('');
  const [description, setDescription] = useState('');
  const [categoryId, setCategoryId] = useState<number | null>(null);
  const [priority, setPriority] = useState<Priority>('normal');
  const [channel, setChannel] = useState<Channel>('phone');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [localErrors, setLocalErrors] = useState<{ subject?: string; name?: string; departmentId?: string }>({});
  // A new caller who may already be on record: shown once per name/phone/email typed, then "create anyway" goes ahead.
  const [duplicates, setDuplicates] = useState<{ probe: string; items: DuplicateCandidate[] } | null>(null);
  const idempotencyKey = useRef(newIdempotencyKey());
  const formRef = useRef<HTMLFormElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const phoneRef = useRef<HTMLInputElement>(null);
  const nameRef = useRef<HTMLInputElement>(null);
  const subjectRef = useRef<HTMLInputElement>(null);

  const suggestion = suggestedFor(categoryId, categories.data);

  // Focus follows the customer choice at once (before the next keystroke): the subject after an
  // existing customer, the phone for a new one, the search when going back.
  const focusNext = useRef<'subject' | 'phone' | 'name' | 'search' | null>(null);
  useEffect(() => {
    const target = focusNext.current;
    focusNext.current = null;
    if (target === 'subject') subjectRef.current?.focus();
    else if (target === 'phone') phoneRef.current?.focus();
    else if (target === 'name') nameRef.current?.focus();
    else if (target === 'search') searchRef.current?.focus();
  }, [customer.kind]);

  const submit = async (confirmedNew = false) => {
    if (busy) return;
    const errors: { subject?: string; name?: string; departmentId?: string } = {};
    if (!subject.trim()) errors.subject = t('register.subjectRequired');
    if (customer.kind === 'new' && !customer.name.trim()) errors.name = t('register.nameRequired');
    if (customer.kind === 'new' && customer.customerKind === 'internal' && customer.departmentId === null) errors.departmentId = t('register.departmentRequired');
    setLocalErrors(errors);
    if (errors.subject || errors.name || errors.departmentId) return;
    setBusy(true);
    setError(null);
    const newPhone = customer.kind === 'new' ? customer.phone.trim() : '';
    if (customer.kind === 'new' && !confirmedNew) {
      const probe = JSON.stringify([customer.name.trim(), newPhone, customer.email.trim()]);
      if (duplicates?.probe !== probe) {
        const found = await customersApi
          .duplicateCheck({ name: customer.name.trim(), phones: newPhone ? [newPhone] : [], emails: customer.email.trim() ? [customer.email.trim()] : [] })
          .catch(() => ({ items: [] }));
        if (found.items.length > 0) {
          setDuplicates({ probe, items: found.items });
          setBusy(false);
          return;
        }
      }
    }
    const body = {
      channel,
      subject: subject.trim(),
      description: description.trim() || undefined,
      categoryId,
      priority,
      customerId: customer.kind === 'existing' ? customer.customer.id : undefined,
      newCustomer:
        customer.kind === 'new'
          ? {
              kind: customer.customerKind,
              name: customer.name.trim(),
              // An internal customer's organisation is its department.
              organisation: customer.customerKind === 'internal' ? null : customer.organisation.trim() || null,
              departmentId: customer.customerKind === 'internal' ? customer.departmentId : null,
              phones: newPhone ? [newPhone] : [],
              emails: customer.email.trim() ? [customer.email.trim()] : [],
            }
          : undefined,
      customerContact: contact.trim() || newPhone || (customer.kind === 'new' ? customer.email.trim() : '') || null,
    };
    try {
      const ticket = await api.post<Ticket>('/api/tickets', body, { 'Idempotency-Key': idempotencyKey.current });
      idempotencyKey.current = newIdempotencyKey();
      await refreshTickets(queryClient);
      navigate(`/tickets/${ticket.id}`, { state: { registered: ticket.number } });
    } catch (err) {
      // A refused form will be sent again with changes: that is a new request with its own key.
      if (err instanceof ApiError && err.status >= 400 && err.status < 500) idempotencyKey.current = newIdempotencyKey();
      setError(err);
      setBusy(false);
    }
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void submit();
  };
  const onKeyDown = (e: KeyboardEvent<HTMLFormElement>) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      e.stopPropagation();
      void submit();
    }
  };

  const chooseExisting = (c: Customer) => {
    setDuplicates(null);
    setCustomer({ kind: 'existing', customer: c });
    if (!contact.trim()) setContact(c.phones[0] ?? c.emails[0] ?? '');
    focusNext.current = 'subject';
  };
  const chooseNew = (typed: string) => {
    // Typed digits are a phone number; anything else is the caller's name.
    const looksLikePhone = /^[+\d][\d\s()-]{2,}$/.test(typed);
    setCustomer({ kind: 'new', customerKind: 'person', name: looksLikePhone ? '' : typed, phone: looksLikePhone ? typed : '', organisation: '', email: '', departmentId: null });
    focusNext.current = looksLikePhone ? 'name' : 'phone';
  };
  const backToSearch = () => {
    setCustomer({ kind: 'none' });
    focusNext.current = 'search';
  };

  const fe = (field: string) => fieldError(t, error, field);

  return (
    <Stack maw={860}>
      <div>
        <Title order={1}>{t('register.title')}</Title>
        <Text size="sm" c="dimmed">
          {t('register.intro')}
        </Text>
        <Text size="sm" mt={4} id="register-shortcuts">
          {t('register.shortcuts')}
        </Text>
      </div>

      <form ref={formRef} onSubmit={onSubmit} onKeyDown={onKeyDown} aria-describedby="register-shortcuts" noValidate>
        <Stack>
          {customer.kind === 'none' && <CustomerSearch onChoose={chooseExisting} onNew={chooseNew} autoFocus inputRef={searchRef} />}
          {customer.kind === 'existing' && (
            <Card withBorder padding="sm" role="group" aria-label={t('register.chosenCustomer')}>
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                <div>
                  <Text size="xs" c="dimmed">
                    {t('register.chosenCustomer')}
                  </Text>
                  <Text fw={600} data-testid="chosen-customer">
                    {customer.customer.name}
                  </Text>
                  <Text size="sm">{[customer.customer.organisation, ...customer.customer.phones, ...customer.customer.emails].filter(Boolean).join(' · ')}</Text>
                </div>
                <Button variant="default" size="xs" onClick={backToSearch}>
                  {t('register.changeCustomer')}
                </Button>
              </Group>
            </Card>
          )}
          {customer.kind === 'new' && duplicates && (
            <Card withBorder padding="sm" role="region" aria-labelledby="register-duplicates-title" data-testid="register-duplicates">
              <Text fw={600} id="register-duplicates-title">
                {t('form.duplicatesTitle', { ns: 'customers' })}
              </Text>
              <Stack gap="xs" mt="xs">
                {duplicates.items.map((d) => (
                  <Group key={d.customer.id} justify="space-between" wrap="nowrap">
                    <div>
                      <Text size="sm" fw={500}>
                        {d.customer.name}
                      </Text>
                      <Text size="xs">{[d.customer.organisation, ...d.customer.phones, ...d.customer.emails].filter(Boolean).join(' · ')} ({d.reasons.map((r) => t(`reasons.${r}`, { ns: 'customers' })).join(', ')})</Text>
                    </div>
                    <Button size="xs" variant="default" onClick={() => chooseExisting(d.customer)}>
                      {t('form.useThis', { ns: 'customers' })}
                    </Button>
                  </Group>
                ))}
              </Stack>
              <Group justify="flex-end" mt="xs">
                <Button size="xs" onClick={() => void submit(true)}>
                  {t('form.createAnyway', { ns: 'customers' })}
                </Button>
              </Group>
            </Card>
          )}
          {customer.kind === 'new' && (
            <Card withBorder padding="sm" role="group" aria-labelledby="new-customer-title">
              <Group justify="space-between" mb="xs">
                <Text id="new-customer-title" fw={600}>
                  {t('register.newCustomerTitle')}
                </Text>
                <Button variant="subtle" size="xs" onClick={backToSearch}>
                  {t('register.cancelNewCustomer')}
                </Button>
              </Group>
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput
                  ref={nameRef}
                  label={t('register.newName')}
                  required
                  value={customer.name}
                  onChange={(e) => setCustomer({ ...customer, name: e.currentTarget.value })}
                  error={localErrors.name ?? fe('name')}
                />
                <TextInput ref={phoneRef} label={t('register.newPhone')} type="tel" value={customer.phone} onChange={(e) => setCustomer({ ...customer, phone: e.currentTarget.value })} error={fe('phones')} />
                <NativeSelect
                  label={t('register.kind')}
                  data={CUSTOMER_KINDS.map((k) => ({ value: k, label: t(`register.kinds.${k}`) }))}
                  value={customer.customerKind}
                  onChange={(e) => setCustomer({ ...customer, customerKind: e.currentTarget.value as CustomerKind })}
                  error={fe('kind')}
                />
                {customer.customerKind === 'internal' ? (
                  <DepartmentSelect
                    label={t('register.newDepartment')}
                    description={t('register.newDepartmentHint')}
                    required
                    value={customer.departmentId}
                    onChange={(id) => setCustomer({ ...customer, departmentId: id })}
                    error={localErrors.departmentId ?? fe('departmentId')}
                  />
                ) : (
                  <TextInput label={t('register.newOrganisation')} value={customer.organisation} onChange={(e) => setCustomer({ ...customer, organisation: e.currentTarget.value })} error={fe('organisation')} />
                )}
                <TextInput label={t('register.newEmail')} type="email" value={customer.email} onChange={(e) => setCustomer({ ...customer, email: e.currentTarget.value })} error={fe('emails')} />
              </SimpleGrid>
            </Card>
          )}

          {customer.kind !== 'new' && (
            <TextInput label={t('register.contact')} description={t('register.contactHint')} value={contact} onChange={(e) => setContact(e.currentTarget.value)} error={fe('customerContact')} />
          )}
          <TextInput
            ref={subjectRef}
            label={t('register.subject')}
            required
            maxLength={200}
            value={subject}
            onChange={(e) => setSubject(e.currentTarget.value)}
            error={localErrors.subject ?? fe('subject')}
          />
          <Textarea label={t('register.description')} autosize minRows={3} maxRows={10} value={description} onChange={(e) => setDescription(e.currentTarget.value)} error={fe('description')} />
          <CategorySelect
            label={t('register.category')}
            placeholder={t('register.categoryPlaceholder')}
            value={categoryId}
            onChange={(id) => setCategoryId(id)}
            error={fe('categoryId')}
            description={
              categoryId === null ? undefined : (
                <span data-testid="suggested-department">
                  {suggestion.departmentName
                    ? suggestion.handlerName
                      ? t('register.suggestedHandler', { department: suggestion.departmentName, handler: suggestion.handlerName })
                      : t('register.suggested', { department: suggestion.departmentName })
                    : t('register.noSuggestion')}
                </span>
              )
            }
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NativeSelect
              label={t('register.priority')}
              data={PRIORITIES.map((p) => ({ value: p, label: t(`priorities.${p}`) }))}
              value={priority}
              onChange={(e) => setPriority(e.currentTarget.value as Priority)}
            />
            <NativeSelect
              label={t('register.channel')}
              data={CHANNELS.filter((c) => c !== 'web').map((c) => ({ value: c, label: t(`channels.${c}`) }))}
              value={channel}
              onChange={(e) => setChannel(e.currentTarget.value as Channel)}
            />
          </SimpleGrid>
          {customer.kind === 'none' && (
            <Alert variant="light" color="gray" py={6}>
              <Text size="sm">{t('register.noCustomer')}</Text>
            </Alert>
          )}
          <ErrorAlert message={formError(t, error, FIELDS)} />
          <Group>
            <Button type="submit" loading={busy} aria-keyshortcuts="Control+Enter">
              {t('register.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
