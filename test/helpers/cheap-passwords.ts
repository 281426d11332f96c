import { vi } from 'vitest';

// A setup file of the api project. Its tests create hundreds of staff and customers and sign each in;
// at the production cost (scrypt N=2^15, r=8: 32 MiB and 30-120 ms of CPU per hash on these machines)
// hashing was a large share of the project's CPU. A stored hash carries its own parameters
// (`scrypt$N$r$p$salt$hash`) and verifyPassword reads them, so here new hashes are made with N=2^10
// and every verification is still the real one. The production cost runs in the slow project
// (the CLI and `start` as processes) and in the browser tests.
vi.mock('../../src/services/auth/password.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/services/auth/password.ts')>();
  return { ...real, hashPassword: (password: string) => real.hashPassword(password, { N: 1024, r: 8, p: 1 }) };
});
