// The portal's pages behind sign-in (one chunk; the sign-in and sign-up pages come with the portal app).
export { NewRequestPage } from '../portal/pages/new-request-page.tsx';
export { RequestPage } from '../portal/pages/request-page.tsx';
export { RequestsPage } from '../portal/pages/requests-page.tsx';
export { PortalComplaintPage } from '../portal/pages/complaint-page.tsx';
export { PortalComplaintsPage } from '../portal/pages/complaints-page.tsx';
export { NewComplaintPage } from '../portal/pages/new-complaint-page.tsx';
