import { Route } from 'react-router';
import { customersArea } from '../../areas/loaders.ts';
import { lazyPage } from '../../lib/lazy-area.ts';

// The pages are one lazily fetched chunk (areas/); these routes are in the staff app's.
const CustomerPage = lazyPage(customersArea, 'CustomerPage');
const CustomersPage = lazyPage(customersArea, 'CustomersPage');

/** The customer screens, inside the signed-in layout: every staff member reads customers; changes are staff's too (merge: admin, office, supervisor). */
export function renderCustomerRoutes() {
  return (
    <>
      <Route path="customers" element={<CustomersPage />} />
      <Route path="customers/:id" element={<CustomerPage />} />
    </>
  );
}
