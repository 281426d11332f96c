// The staff workspace: registering, the queues, a ticket and its print view (one chunk).
export { PrintPage } from '../pages/tickets/print-page.tsx';
export { QueuePage } from '../pages/tickets/queue-page.tsx';
export { RegisterPage } from '../pages/tickets/register-page.tsx';
export { TicketPage } from '../pages/tickets/ticket-page.tsx';
