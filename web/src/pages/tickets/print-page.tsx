import { Button, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { useTicket } from '../../api/tickets.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { usePageTitle } from '../../components/use-page-title.ts';
import { describeError } from '../../lib/errors.ts';
import { formatDateTime } from '../../lib/format.ts';

/**
 * The paper registration form this ticket replaces (首问负责制执行登记表), one ticket per sheet,
 * in the current language. The app's header and navigation are hidden when printing (styles.css).
 */
export function PrintPage() {
  const { id: raw } = useParams();
  const { t, i18n } = useTranslation();
  const ticket = useTicket(Number(raw));
  usePageTitle(ticket.data ? `${t('print.title')} ${ticket.data.number}` : t('print.title'));

  if (ticket.isPending) return <Text>{t('common.loading')}</Text>;
  if (ticket.error) {
    const notVisible = ticket.error instanceof ApiError && (ticket.error.status === 404 || ticket.error.status === 400);
    return <ErrorAlert message={notVisible ? t('ticket.notFound') : describeError(t, ticket.error)} />;
  }
  const tk = ticket.data;
  const dt = (iso: string | null) => (iso ? formatDateTime(iso, i18n.language) : '');
  const satisfaction = tk.satisfaction === null ? '' : t('ticketFields.satisfactionValue', { value: tk.satisfaction });
  const handler = tk.handlerName ? `${tk.handlerName}${tk.handlerDepartmentName ? ` (${tk.handlerDepartmentName})` : ''}` : (tk.handlerDepartmentName ?? '');

  return (
    <Stack className="print-page" maw={900}>
      <Group className="no-print" justify="space-between">
        <Button component={Link} to={`/tickets/${tk.id}`} variant="default">
          {t('print.back')}
        </Button>
        <Button onClick={() => window.print()}>{t('print.print')}</Button>
      </Group>
      <h1 className="print-title">{t('print.heading')}</h1>
      <table className="print-form" data-testid="print-form">
        <colgroup>
          <col style={{ width: '16%' }} />
          <col style={{ width: '34%' }} />
          <col style={{ width: '16%' }} />
          <col style={{ width: '34%' }} />
        </colgroup>
        <tbody>
          <tr>
            <th scope="row">{t('ticketFields.number')}</th>
            <td>{tk.number}</td>
            <th scope="row">{t('ticketFields.date')}</th>
            <td>{dt(tk.registeredAt)}</td>
          </tr>
          <tr>
            <th scope="row">{t('ticketFields.customerName')}</th>
            <td>{tk.customerName ?? ''}</td>
            <th scope="row">{t('ticketFields.organisation')}</th>
            <td>{tk.customerOrganisation ?? ''}</td>
          </tr>
          <tr>
            <th scope="row">{t('ticketFields.contact')}</th>
            <td>{tk.customerContact ?? ''}</td>
            <th scope="row">{t('ticketFields.channel')}</th>
            <td>{t(`channels.${tk.channel}`, { defaultValue: tk.channel })}</td>
          </tr>
          <tr>
            <th scope="row">{t('ticketFields.category')}</th>
            <td colSpan={3}>{tk.categoryName ?? ''}</td>
          </tr>
          <tr className="tall">
            <th scope="row">{t('ticketFields.matter')}</th>
            <td colSpan={3}>
              <strong>{tk.subject}</strong>
              {tk.description ? <div className="pre">{tk.description}</div> : null}
            </td>
          </tr>
          <tr>
            <th scope="row">{t('ticketFields.owner')}</th>
            <td>{tk.ownerName ?? ''}</td>
            <th scope="row">{t('ticketFields.handedOverAt')}</th>
            <td>{dt(tk.handedOverAt)}</td>
          </tr>
          <tr>
            <th scope="row">{t('ticketFields.handler')}</th>
            <td>{handler}</td>
            <th scope="row">{t('ticketFields.completedAt')}</th>
            <td>{dt(tk.resolvedAt)}</td>
          </tr>
          <tr className="tall">
            <th scope="row">{t('ticketFields.result')}</th>
            <td colSpan={3}>
              <div className="pre">{tk.result ?? ''}</div>
            </td>
          </tr>
          <tr>
            <th scope="row">{t('ticketFields.satisfaction')}</th>
            <td>{satisfaction}</td>
            <th scope="row">{t('ticketFields.status')}</th>
            <td>{t(`statuses.${tk.status}`, { defaultValue: tk.status })}</td>
          </tr>
          <tr className="signature">
            <th scope="row">{t('print.signatureOwner')}</th>
            <td />
            <th scope="row">{t('print.signatureHandler')}</th>
            <td />
          </tr>
        </tbody>
      </table>
      <Text size="xs" c="dimmed">
        {t('print.printedAt', { at: formatDateTime(new Date().toISOString(), i18n.language) })}
      </Text>
    </Stack>
  );
}
