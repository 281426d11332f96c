import { Type } from 'typebox';
import type { AppDeps, AppInstance } from '../../app-deps.ts';
import { staffContext } from '../../auth.ts';
import { addAccountTeamMember, listAccountTeam, removeAccountTeamMember } from '../../../services/customers/account-team.ts';
import { createCustomer } from '../../../services/customers/create-customer.ts';
import { createContact, listContacts, removeContact, updateContact } from '../../../services/customers/customer-contacts.ts';
import { findCustomerDuplicatesIn, listCustomerDuplicates } from '../../../services/customers/find-customer-duplicates.ts';
import { getCustomer } from '../../../services/customers/get-customer.ts';
import { getCustomer360 } from '../../../services/customers/get-customer-360.ts';
import { listCustomers } from '../../../services/customers/list-customers.ts';
import { mergeCustomers } from '../../../services/customers/merge-customers.ts';
import { updateCustomer } from '../../../services/customers/update-customer.ts';
import { checkCustomerInput } from '../../../domain/customers/check-customer-input.ts';
import { IdParams } from '../common.ts';
import { ContactParams, CreateContactBody, CreateCustomerBody, DuplicateCheckBody, ListCustomersQuery, MergeBody, TeamMemberBody, TeamMemberParams, UpdateContactBody, UpdateCustomerBody } from './schema.ts';

/**
 * Customers for staff only: every path here resolves a staff session or token (staffContext), so a
 * customer signed in on the portal (whose cookie is sent only to /api/portal) never reaches it.
 */
export function registerCustomerRoutes(app: AppInstance, deps: AppDeps): void {
  const tags = ['customers'];
  app.get(
    '/api/customers',
    { schema: { tags, summary: 'Customers by name, organisation, phone or email (Chinese substrings too), with filters; keyset pages. Merged duplicates never appear.', querystring: ListCustomersQuery } },
    async (request) => listCustomers(deps.db, staffContext(request), request.query),
  );
  app.post(
    '/api/customers',
    { schema: { tags, summary: 'Add a customer. Same phone/email or a similar name answers 409 with the candidates unless allowDuplicate is true.', body: CreateCustomerBody } },
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
    { schema: { tags, summary: 'Customers that may be the one described (for the registration form before it creates one inline)', body: DuplicateCheckBody } },
    async (request) => {
      staffContext(request);
      const f = checkCustomerInput({ name: request.body.name, phones: request.body.phones, emails: request.body.emails });
      return { items: await findCustomerDuplicatesIn(deps.db, f) };
    },
  );
  app.get('/api/customers/:id', { schema: { tags, summary: 'One customer; a merged one says where it went (mergedIntoId)', params: IdParams } }, async (request) =>
    getCustomer(deps.db, staffContext(request), request.params.id),
  );
  app.patch('/api/customers/:id', { schema: { tags, summary: 'Edit a customer (send the revision you saw; a stale one answers 409)', params: IdParams, body: UpdateCustomerBody } }, async (request) =>
    updateCustomer(deps.db, staffContext(request), request.params.id, request.body),
  );
  app.get('/api/customers/:id/360', { schema: { tags, summary: 'The customer 360: profile, contacts, account team, tickets, surveys, complaints, commitments, satisfaction trend, timeline', params: IdParams } }, async (request) =>
    getCustomer360(deps.db, staffContext(request), request.params.id),
  );
  app.get('/api/customers/:id/duplicates', { schema: { tags, summary: 'Other records that may be this customer', params: IdParams } }, async (request) =>
    listCustomerDuplicates(deps.db, staffContext(request), request.params.id),
  );
  app.post('/api/customers/:id/merge', { schema: { tags, summary: 'Merge this duplicate into intoId, moving all its history (admin, office or supervisor)', params: IdParams, body: MergeBody } }, async (request) =>
    mergeCustomers(deps.db, staffContext(request), request.params.id, request.body.intoId, deps.now()),
  );

  app.get('/api/customers/:id/contacts', { schema: { tags, summary: "The account's contacts (the organisation chart's people)", params: IdParams, querystring: Type.Object({ includeInactive: Type.Optional(Type.Boolean()) }) } }, async (request) => ({
    items: await listContacts(deps.db, staffContext(request), request.params.id, request.query),
  }));
  app.post('/api/customers/:id/contacts', { schema: { tags, summary: 'Add a contact with their decision role', params: IdParams, body: CreateContactBody } }, async (request, reply) =>
    reply.status(201).send(await createContact(deps.db, staffContext(request), request.params.id, request.body)),
  );
  app.patch('/api/customers/:id/contacts/:contactId', { schema: { tags, summary: 'Edit a contact; reportsToId may not close a circle', params: ContactParams, body: UpdateContactBody } }, async (request) =>
    updateContact(deps.db, staffContext(request), request.params.id, request.params.contactId, request.body),
  );
  app.delete('/api/customers/:id/contacts/:contactId', { schema: { tags, summary: 'Remove a contact (kept inactive; their reports move up to their manager)', params: ContactParams } }, async (request) =>
    removeContact(deps.db, staffContext(request), request.params.id, request.params.contactId),
  );

  app.get('/api/customers/:id/team', { schema: { tags, summary: 'The account team', params: IdParams } }, async (request) => ({
    items: await listAccountTeam(deps.db, staffContext(request), request.params.id),
  }));
  app.post('/api/customers/:id/team', { schema: { tags, summary: 'Add a staff member to the account team (one account manager)', params: IdParams, body: TeamMemberBody } }, async (request, reply) =>
    reply.status(201).send({ items: await addAccountTeamMember(deps.db, staffContext(request), request.params.id, request.body) }),
  );
  app.delete('/api/customers/:id/team/:role/:staffId', { schema: { tags, summary: 'Remove a staff member from a role in the account team', params: TeamMemberParams } }, async (request) => ({
    items: await removeAccountTeamMember(deps.db, staffContext(request), request.params.id, { staffId: request.params.staffId, role: request.params.role }),
  }));
}
