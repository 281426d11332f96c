import type { AppDeps, AppInstance } from '../../app-deps.ts';
import { staffContext } from '../../auth.ts';
import type { CommitmentInput } from '../../../services/commitments/commitment-tree.ts';
import { createCommitment } from '../../../services/commitments/create-commitment.ts';
import { moveCommitment } from '../../../services/commitments/move-commitment.ts';
import { updateCommitment } from '../../../services/commitments/update-commitment.ts';
import { getCommitment, listCommitments } from '../../../services/commitments/views.ts';
import { IdParams, withErrors } from '../../../contracts/common.ts';
import { CommitmentDetail, CommitmentList, CommitmentView, CreateCommitmentBody, MoveCommitmentBody, UpdateCommitmentBody } from '../../../contracts/commitments.ts';

/** Service commitments (PRODUCT.md §2): any staff member reads them, admins change them. */
export function registerCommitmentRoutes(app: AppInstance, deps: AppDeps): void {
  const tags = ['commitments'];
  app.get(
    '/api/commitments',
    { schema: { tags, summary: 'Every commitment with its current version; build the tree from parentId and position', response: withErrors({ 200: CommitmentList }) } },
    async (request) => ({ items: await listCommitments(deps.db, staffContext(request)) }),
  );
  app.get(
    '/api/commitments/:id',
    { schema: { tags, summary: 'One commitment with all its versions, newest first', params: IdParams, response: withErrors({ 200: CommitmentDetail }) } },
    async (request) => getCommitment(deps.db, staffContext(request), request.params.id),
  );
  app.post(
    '/api/commitments',
    { schema: { tags, summary: 'Add a commitment, or a stage under parentId (admin)', body: CreateCommitmentBody, response: withErrors({ 201: CommitmentView }) } },
    async (request, reply) => reply.status(201).send(await createCommitment(deps.db, staffContext(request), { commitment: request.body as CommitmentInput, nowMs: deps.now() })),
  );
  app.patch(
    '/api/commitments/:id',
    {
      schema: {
        tags, params: IdParams, body: UpdateCommitmentBody, response: withErrors({ 200: CommitmentView }),
        summary: 'Change a commitment: changed fields make a new version (running clocks keep theirs); active deactivates or reactivates (admin)',
      },
    },
    async (request) => updateCommitment(deps.db, staffContext(request), { id: request.params.id, changes: request.body as CommitmentInput, nowMs: deps.now() }),
  );
  app.post(
    '/api/commitments/:id/move',
    {
      schema: {
        tags, params: IdParams, body: MoveCommitmentBody, response: withErrors({ 200: CommitmentView }),
        summary: 'Move under another parent of the same level and/or reorder among siblings (admin)',
      },
    },
    async (request) => moveCommitment(deps.db, staffContext(request), { id: request.params.id, ...request.body, nowMs: deps.now() }),
  );
  app.post(
    '/api/commitments/:id/deactivate',
    { schema: { tags, summary: 'Deactivate a commitment and its stages (admin)', params: IdParams, response: withErrors({ 200: CommitmentView }) } },
    async (request) => updateCommitment(deps.db, staffContext(request), { id: request.params.id, changes: { active: false }, nowMs: deps.now() }),
  );
}
