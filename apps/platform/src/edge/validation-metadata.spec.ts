import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { IsIn, IsOptional, Matches, MaxLength, validateSync } from 'class-validator';
import { rememberValidationRules } from './validation-metadata';

class Filters {
  @IsOptional() @MaxLength(5) category?: string;
}

class QueueFilters extends Filters {
  @IsOptional() @IsIn(['open', 'closed']) state?: string;
}

const failing = (o: object) => validateSync(o, { whitelist: true, forbidNonWhitelisted: true }).map((e) => e.property);

describe('remembered validation rules', () => {
  test('own and inherited rules still apply, every time, and a class declared later gets its own', () => {
    rememberValidationRules();
    for (let i = 0; i < 3; i++) {
      assert.deepEqual(failing(Object.assign(new QueueFilters(), { category: 'too long', state: 'x' })), ['state', 'category']);
      assert.deepEqual(failing(Object.assign(new Filters(), { category: 'ok' })), []);
      assert.deepEqual(
        failing(Object.assign(new Filters(), { state: 'open' })),
        ['state'],
        'a field of the subclass is unknown to the base',
      );
    }
    class Later extends Filters {
      @Matches(/^\d+$/) page!: string;
    }
    assert.deepEqual(failing(Object.assign(new Later(), { page: 'x', category: 'too long' })), ['page', 'category']);
    assert.deepEqual(failing(Object.assign(new QueueFilters(), { page: '1' })), ['page'], 'the later class changed no earlier answer');
  });
});
