// Other areas (commitments) import the ticket view from here; the use cases live in their own files.
export { getTicketView } from './get-ticket-view.ts';
export type { TicketView } from './views.ts';
