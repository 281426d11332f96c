import { Route } from 'react-router';
import { CustomerPage } from './customer-page.tsx';
import { CustomersPage } from './customers-page.tsx';

/** The customer screens, inside the signed-in layout: every staff member reads customers; changes are staff's too (merge: admin, office, supervisor). */
export function renderCustomerRoutes() {
  return (
    <>
      <Route path="customers" element={<CustomersPage />} />
      <Route path="customers/:id" element={<CustomerPage />} />
    </>
  );
}
