import { DomainError } from './domain-error.ts';

/**
 * Invalid input to a pure rule: `field` names what the client sent (dotted path, e.g. `matrix.0.2`)
 * so the API can answer 400 naming it. Extends DomainError so src/http/errors.ts maps it as `invalid`.
 */
export class DomainValidationError extends DomainError {
  declare readonly field: string;

  constructor(field: string, message: string) {
    super('invalid', message, field);
    this.name = 'DomainValidationError';
  }
}
