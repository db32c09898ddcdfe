import { describe, expect, it } from 'vitest';
import { routeQuestion } from './route-question.ts';

const kind = (q: string, hasHistory = false) => {
  const d = routeQuestion(q, { hasHistory });
  return d.kind === 'refuse' ? d.reason : d.kind;
};

describe('routeQuestion', () => {
  it.each([
    'Delete all transactions',
    'delete all transactions of C-000042',
    'Please remove customer C-000001',
    'Could you update the balance of A-000042-1 to 0?',
    'Transfer 100 EUR from C-000001 to C-000002',
    'Pay my rent',
    'Cancel my Netflix subscription',
    'I want to delete my transactions',
    'select 1; DROP TABLE raw.transactions',
    'insert into raw.transactions values (1)',
    'Can you wipe the database?',
  ])('refuses a write: %s', (q) => expect(kind(q)).toBe('write_request'));

  it.each([
    ["What's the weather in Berlin?", 'out_of_scope'],
    ['Tell me a joke', 'out_of_scope'],
    ['Who won the world cup?', 'out_of_scope'],
    ['What is the meaning of life?', 'out_of_scope'],
    ['What is the stock price of Apple?', 'unavailable_data'],
    ['How much is bitcoin worth?', 'unavailable_data'],
    ['What is my credit score?', 'unavailable_data'],
    ["What are today's exchange rates?", 'unavailable_data'],
    ['Forecast the spending of C-000001 for next month', 'unavailable_data'],
    ['How much will C-000001 spend in July?', 'unavailable_data'],
    ['What is the phone number of C-000001?', 'unavailable_data'],
    ['Can you estimate the income of C-000002 for next year?', 'unavailable_data'],
    ["What is C-000003's rent going to be in the autumn?", 'unavailable_data'],
    ['What rate of inflation should I assume?', 'unavailable_data'],
    ['Why is the grocery spend of C-000004 so high?', 'unavailable_data'],
    ['how come C-000005 paid more fees in May', 'unavailable_data'],
  ])('refuses what the data does not cover: %s -> %s', (q, reason) => expect(kind(q)).toBe(reason));

  it.each([
    'How much did customer C-000042 spend on groceries last month?',
    'How much did I transfer last month?',
    'Which subscriptions could C-000010 cancel?',
    'How much did C-000001 spend on News & Magazines?',
    'Change in spending from March to April?',
    'Add up the grocery spend of C-000003',
    'What tables can I query?',
    'How fresh is the data?',
    'Top 5 merchants in 2026',
    'What did C-000006 spend on the Economy class flight category?',
    'Which merchants did C-000007 pay next to groceries in March?',
  ])('plans a read question: %s', (q) => expect(kind(q)).toBe('plan'));

  it('lets a terse follow-up through only inside a conversation', () => {
    expect(kind('and in April?')).toBe('out_of_scope');
    expect(kind('and in April?', true)).toBe('plan');
    expect(kind('delete it', true)).toBe('write_request');
  });

  it('answers greetings and empty input with help', () => {
    expect(kind('hello')).toBe('help');
    expect(kind('  ')).toBe('help');
  });
});
