import type { AppDeps, AppInstance } from '../../app-deps.ts';
import { staffContext } from '../../auth.ts';
import { createCommitment, getCommitment, listCommitments, moveCommitment, updateCommitment, type CommitmentInput } from '../../../services/commitments/commitments.ts';
import { IdParams } from '../common.ts';
import { CreateCommitmentBody, MoveCommitmentBody, UpdateCommitmentBody } from './schema.ts';

/** Service commitments (PRODUCT.md §2): any staff member reads them, admins change them. */
export function registerCommitmentRoutes(app: AppInstance, deps: AppDeps): void {
  const tags = ['commitments'];
  app.get('/api/commitments', { schema: { tags, summary: 'Every commitment with its current version; build the tree from parentId and position' } }, async (request) => ({
    items: await listCommitments(deps.db, staffContext(request)),
  }));
  app.get('/api/commitments/:id', { schema: { tags, summary: 'One commitment with all its versions, newest first', params: IdParams } }, async (request) =>
    getCommitment(deps.db, staffContext(request), request.params.id),
  );
  app.post('/api/commitments', { schema: { tags, summary: 'Add a commitment, or a stage under parentId (admin)', body: CreateCommitmentBody } }, async (request, reply) =>
    reply.status(201).send(await createCommitment(deps.db, staffContext(request), request.body as CommitmentInput, deps.now())),
  );
  app.patch(
    '/api/commitments/:id',
    { schema: { tags, summary: 'Change a commitment: changed fields make a new version (running clocks keep theirs); active deactivates or reactivates (admin)', params: IdParams, body: UpdateCommitmentBody } },
    async (request) => updateCommitment(deps.db, staffContext(request), request.params.id, request.body as CommitmentInput, deps.now()),
  );
  app.post('/api/commitments/:id/move', { schema: { tags, summary: 'Move under another parent of the same level and/or reorder among siblings (admin)', params: IdParams, body: MoveCommitmentBody } }, async (request) =>
    moveCommitment(deps.db, staffContext(request), request.params.id, request.body, deps.now()),
  );
  app.post('/api/commitments/:id/deactivate', { schema: { tags, summary: 'Deactivate a commitment and its stages (admin)', params: IdParams } }, async (request) =>
    updateCommitment(deps.db, staffContext(request), request.params.id, { active: false }, deps.now()),
  );
}
