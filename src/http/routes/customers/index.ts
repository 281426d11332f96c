import { Type } from 'typebox';
import type { AppDeps, AppInstance } from '../../app.ts';
import { staffContext } from '../../auth.ts';
import { createCustomer, getCustomer, searchCustomers } from '../../../services/tickets/customers.ts';
import { IdParams } from '../common.ts';
import { RegisterBody } from '../tickets/schema.ts';

export function registerCustomerRoutes(app: AppInstance, deps: AppDeps): void {
  const tags = ['customers'];
  app.get(
    '/api/customers',
    { schema: { tags, summary: 'Search-as-you-type by name, organisation, phone or email (Chinese substrings too)', querystring: Type.Object({ q: Type.String({ maxLength: 200 }), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })) }) } },
    async (request) => ({ items: await searchCustomers(deps.db, staffContext(request), request.query) }),
  );
  app.get('/api/customers/:id', { schema: { tags, summary: 'One customer', params: IdParams } }, async (request) => {
    staffContext(request);
    return getCustomer(deps.db, request.params.id);
  });
  const NewCustomer = RegisterBody.properties.newCustomer.anyOf[0];
  app.post('/api/customers', { schema: { tags, summary: 'Add a customer', body: NewCustomer } }, async (request, reply) =>
    reply.status(201).send(await createCustomer(deps.db, staffContext(request), request.body as never)),
  );
}
