import type { AppDeps, AppInstance } from '../../app-deps.ts';
import { staffContext } from '../../auth.ts';
import { addAccountTeamMember } from '../../../services/customers/add-account-team-member.ts';
import { checkCustomerDuplicates } from '../../../services/customers/check-customer-duplicates.ts';
import { createContact } from '../../../services/customers/create-contact.ts';
import { createCustomer } from '../../../services/customers/create-customer.ts';
import { getCustomer } from '../../../services/customers/get-customer.ts';
import { getCustomer360 } from '../../../services/customers/get-customer-360.ts';
import { listCustomerDuplicates } from '../../../services/customers/list-customer-duplicates.ts';
import { listCustomers } from '../../../services/customers/list-customers.ts';
import { mergeCustomers } from '../../../services/customers/merge-customers.ts';
import { removeAccountTeamMember } from '../../../services/customers/remove-account-team-member.ts';
import { removeContact } from '../../../services/customers/remove-contact.ts';
import { updateContact } from '../../../services/customers/update-contact.ts';
import { updateCustomer } from '../../../services/customers/update-customer.ts';
import { listAccountTeam, listContacts } from '../../../services/customers/views.ts';
import { IdParams, withErrors } from '../../../contracts/common.ts';
import {
  AccountTeamList,
  ContactList,
  ContactParams,
  ContactView,
  CreateContactBody,
  CreateCustomerBody,
  Customer360,
  CustomerPage,
  CustomerView,
  DuplicateCandidateList,
  DuplicateCheckBody,
  ListContactsQuery,
  ListCustomersQuery,
  MergeCustomerBody,
  MergeCustomerResult,
  PossibleDuplicateResponse,
  TeamMemberBody,
  TeamMemberParams,
  UpdateContactBody,
  UpdateCustomerBody,
} from '../../../contracts/customers.ts';

/**
 * Customers for staff only: every path here resolves a staff session or token (staffContext), so a
 * customer signed in on the portal (whose cookie is sent only to /api/portal) never reaches it.
 */
export function registerCustomerRoutes(app: AppInstance, deps: AppDeps): void {
  const tags = ['customers'];
  app.get(
    '/api/customers',
    { schema: { tags, summary: 'Customers by name, organisation, phone or email (Chinese substrings too), with filters; keyset pages. Merged duplicates never appear.', querystring: ListCustomersQuery, response: withErrors({ 200: CustomerPage }) } },
    async (request) => listCustomers(deps.db, staffContext(request), request.query),
  );
  app.post(
    '/api/customers',
    {
      schema: {
        tags,
        summary: 'Add a customer. Same phone/email or a similar name answers 409 with the candidates unless allowDuplicate is true.',
        body: CreateCustomerBody,
        response: withErrors({ 201: CustomerView, 409: PossibleDuplicateResponse }),
      },
    },
    async (request, reply) => {
      const result = await createCustomer(deps.db, staffContext(request), request.body);
      if (result.status === 'duplicates') {
        return reply.status(409).send({ error: { code: 'possible_duplicate', message: 'This may be a customer already on record', field: 'name' }, candidates: result.candidates });
      }
      return reply.status(201).send(result.customer);
    },
  );
  app.post(
    '/api/customers/duplicate-check',
    { schema: { tags, summary: 'Customers that may be the one described (for the registration form before it creates one inline)', body: DuplicateCheckBody, response: withErrors({ 200: DuplicateCandidateList }) } },
    async (request) => checkCustomerDuplicates(deps.db, staffContext(request), request.body),
  );
  app.get('/api/customers/:id', { schema: { tags, summary: 'One customer; a merged one says where it went (mergedIntoId)', params: IdParams, response: withErrors({ 200: CustomerView }) } }, async (request) =>
    getCustomer(deps.db, staffContext(request), { id: request.params.id }),
  );
  app.patch(
    '/api/customers/:id',
    { schema: { tags, summary: 'Edit a customer (send the revision you saw; a stale one answers 409)', params: IdParams, body: UpdateCustomerBody, response: withErrors({ 200: CustomerView }) } },
    async (request) => updateCustomer(deps.db, staffContext(request), { ...request.body, id: request.params.id }),
  );
  app.get(
    '/api/customers/:id/360',
    { schema: { tags, summary: 'The customer 360: profile, contacts, account team, tickets, surveys, complaints, commitments, satisfaction trend, timeline', params: IdParams, response: withErrors({ 200: Customer360 }) } },
    async (request) => getCustomer360(deps.db, staffContext(request), { id: request.params.id, nowMs: deps.now() }),
  );
  app.get('/api/customers/:id/duplicates', { schema: { tags, summary: 'Other records that may be this customer', params: IdParams, response: withErrors({ 200: DuplicateCandidateList }) } }, async (request) =>
    listCustomerDuplicates(deps.db, staffContext(request), { id: request.params.id }),
  );
  app.post(
    '/api/customers/:id/merge',
    { schema: { tags, summary: 'Merge this duplicate into intoId, moving all its history (admin, office or supervisor)', params: IdParams, body: MergeCustomerBody, response: withErrors({ 200: MergeCustomerResult }) } },
    async (request) => mergeCustomers(deps.db, staffContext(request), { id: request.params.id, intoId: request.body.intoId, nowMs: deps.now() }),
  );

  app.get(
    '/api/customers/:id/contacts',
    { schema: { tags, summary: "The account's contacts (the organisation chart's people)", params: IdParams, querystring: ListContactsQuery, response: withErrors({ 200: ContactList }) } },
    async (request) => ({ items: await listContacts(deps.db, staffContext(request), { ...request.query, customerId: request.params.id }) }),
  );
  app.post(
    '/api/customers/:id/contacts',
    { schema: { tags, summary: 'Add a contact with their decision role', params: IdParams, body: CreateContactBody, response: withErrors({ 201: ContactView }) } },
    async (request, reply) => reply.status(201).send(await createContact(deps.db, staffContext(request), { ...request.body, customerId: request.params.id })),
  );
  app.patch(
    '/api/customers/:id/contacts/:contactId',
    { schema: { tags, summary: 'Edit a contact; reportsToId may not close a circle', params: ContactParams, body: UpdateContactBody, response: withErrors({ 200: ContactView }) } },
    async (request) => updateContact(deps.db, staffContext(request), { ...request.body, customerId: request.params.id, contactId: request.params.contactId }),
  );
  app.delete(
    '/api/customers/:id/contacts/:contactId',
    { schema: { tags, summary: 'Remove a contact (kept inactive; their reports move up to their manager)', params: ContactParams, response: withErrors({ 200: ContactView }) } },
    async (request) => removeContact(deps.db, staffContext(request), { customerId: request.params.id, contactId: request.params.contactId }),
  );

  app.get('/api/customers/:id/team', { schema: { tags, summary: 'The account team', params: IdParams, response: withErrors({ 200: AccountTeamList }) } }, async (request) => ({
    items: await listAccountTeam(deps.db, staffContext(request), { customerId: request.params.id }),
  }));
  app.post(
    '/api/customers/:id/team',
    { schema: { tags, summary: 'Add a staff member to the account team (one account manager)', params: IdParams, body: TeamMemberBody, response: withErrors({ 201: AccountTeamList }) } },
    async (request, reply) => reply.status(201).send({ items: await addAccountTeamMember(deps.db, staffContext(request), { ...request.body, customerId: request.params.id }) }),
  );
  app.delete(
    '/api/customers/:id/team/:role/:staffId',
    { schema: { tags, summary: 'Remove a staff member from a role in the account team', params: TeamMemberParams, response: withErrors({ 200: AccountTeamList }) } },
    async (request) => ({
      items: await removeAccountTeamMember(deps.db, staffContext(request), { customerId: request.params.id, staffId: request.params.staffId, role: request.params.role }),
    }),
  );
}
