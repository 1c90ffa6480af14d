import { describe, expect, it } from 'vitest';
import { ApiError } from './client';

describe('validation errors from problem+json', () => {
  it('reads the server list [{field, message}] by field', () => {
    const e = new ApiError(422, {
      title: 'Invalid input',
      errors: [
        { field: 'applicant.name', message: "Enter the applicant's name." },
        { field: 'applicant.name', message: 'Second.' },
        { field: 'missing', message: 'List everything.' },
      ],
    });
    expect(e.errors).toEqual({ 'applicant.name': ["Enter the applicant's name.", 'Second.'], missing: ['List everything.'] });
  });
  it('reads a map {field: [messages]} as it is, and no errors as none', () => {
    expect(new ApiError(422, { errors: { opinion: ['Required.'] } }).errors).toEqual({ opinion: ['Required.'] });
    expect(new ApiError(404, { title: 'Not Found' }).errors).toEqual({});
  });
});
