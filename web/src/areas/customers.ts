// Customers and the customer import (one chunk).
export { CustomerPage } from '../pages/customers/customer-page.tsx';
export { CustomersPage } from '../pages/customers/customers-page.tsx';
export { CustomerImportPage } from '../pages/customer-import/customer-import-page.tsx';
