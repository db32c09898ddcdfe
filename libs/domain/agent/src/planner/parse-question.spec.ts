import { describe, expect, it } from 'vitest';
import { findCategory } from './category-lexicon.ts';
import { followUp, parseQuestion } from './parse-question.ts';

describe('parseQuestion', () => {
  it('reads the brief example: customer, category, relative month', () => {
    expect(parseQuestion('How much did customer C-000042 spend on groceries last month?')).toMatchObject({
      metric: 'spend',
      customerId: 'C-000042',
      category: { category: 'Groceries' },
      times: [{ kind: 'relative_month', offset: -1 }],
    });
  });

  it.each([
    ['How many transactions did C-000001 make in April?', 'count'],
    ['What is the average grocery transaction of C-000002?', 'average'],
    ['How much income did C-000020 receive in May 2026?', 'income'],
    ['What was the net cash flow of C-000009?', 'net'],
    ['How much did C-000009 save in April?', 'net'],
    ['What is the balance of account A-000004-1?', 'balance'],
    ['Top 5 merchants for C-000003 in 2026', 'top_merchants'],
    ['What were the 3 largest purchases of C-000006?', 'largest'],
    ['Which recurring payments does C-000007 have?', 'recurring'],
    ['What subscriptions does C-000010 have?', 'recurring'],
    ['How much did C-000010 spend on subscriptions?', 'spend'],
    ['Show unusual transactions since January', 'anomalies'],
    ['month over month spending for C-000002', 'month_over_month'],
    ['How fresh is the data?', 'freshness'],
    ['What tables can I query?', 'schema'],
    ['What category is STARBUCKS in?', 'category_of'],
    ['Find the monthly summary of C-000027 for February 2026', 'documents'],
    ['groceries in March', 'spend'],
    ['What is the meaning of this?', 'unknown'],
  ])('%s -> %s', (question, metric) => {
    expect(parseQuestion(question).metric).toBe(metric);
  });

  it('reads ids in short forms', () => {
    expect(parseQuestion('spend of customer 42').customerId).toBe('C-000042');
    expect(parseQuestion('spend of c-7 and a-7-2').accountId).toBe('A-000007-2');
  });

  it('reads breakdowns and top-N', () => {
    expect(parseQuestion('Spending by category for C-000005 last month')).toMatchObject({ dimension: 'category' });
    expect(parseQuestion('monthly spending of C-000004')).toMatchObject({ dimension: 'month' });
    expect(parseQuestion('Which category did C-000003 spend the most on?')).toMatchObject({ dimension: 'category', topN: 1 });
    expect(parseQuestion('Which merchants had the most spend last month?')).toMatchObject({ metric: 'top_merchants' });
    expect(parseQuestion('Which merchants had the most spend last month?').topN).toBeUndefined();
    expect(parseQuestion('average spend per month of C-000004')).toMatchObject({ averageOf: 'month' });
    expect(parseQuestion('average spend per month of C-000004').dimension).toBeUndefined();
  });

  it('reads merchants, channels and countries as filters', () => {
    expect(parseQuestion('How much did C-000007 spend at LIDL in March 2026?')).toMatchObject({ merchantText: 'lidl' });
    expect(parseQuestion('How much did C-000007 spend at BNP PARIBAS MORTGAGE?')).toMatchObject({ merchantText: 'bnp paribas mortgage' });
    expect(parseQuestion('How much did C-000007 spend at BNP PARIBAS MORTGAGE?').category).toBeUndefined();
    expect(parseQuestion('How much did C-000004 spend online yesterday?')).toMatchObject({ channel: 'ONLINE' });
    expect(parseQuestion('How much was spent in Germany in Q1 2026?')).toMatchObject({ country: 'DE' });
    expect(parseQuestion('How much did C-000001 spend on groceries on average?').merchantText).toBeUndefined();
  });

  it('merges follow-ups with the previous question', () => {
    const first = parseQuestion('How much did C-000001 spend on Dining in March 2026?');
    const next = followUp(parseQuestion('And in April 2026?'), first, 'And in April 2026?');
    expect(next).toMatchObject({ metric: 'spend', customerId: 'C-000001', category: { category: 'Dining' }, times: [{ kind: 'month', month: 4, year: 2026 }] });
    const other = followUp(parseQuestion('What about groceries?'), first, 'What about groceries?');
    expect(other).toMatchObject({ category: { category: 'Groceries' }, times: [{ kind: 'month', month: 3, year: 2026 }] });
    const standalone = followUp(parseQuestion('What is the balance of account A-000001-1?'), first, 'What is the balance of account A-000001-1?');
    expect(standalone.metric).toBe('balance');
    expect(standalone.category).toBeUndefined();
  });
});

describe('findCategory', () => {
  it.each([
    ['groceries', 'Groceries', undefined],
    ['coffee', 'Dining', 'Cafes'],
    ['fast food', 'Dining', 'Fast Food'],
    ['bars and nightlife', 'Dining', 'Bars & Nightlife'],
    ['atm withdrawals', 'Cash', 'ATM Withdrawals'],
    ['hobbies', 'Entertainment', 'Hobbies'],
    ['gifts', 'Shopping', 'Gifts & Hobbies'],
  ])('%s -> %s / %s', (text, category, subcategory) => {
    const found = findCategory(`spend on ${text}`);
    expect(found?.category).toBe(category);
    expect(found?.subcategory).toBe(subcategory);
  });

  it.each(['other merchants', 'cash flow in March', 'home country', 'online'])('finds no category in "%s"', (text) => {
    expect(findCategory(text)).toBeUndefined();
  });

});

// Issue #20 classes found by the varied and probe sets (each fails on the old planner).
describe('parseQuestion: the issue #20 classes', () => {
  it.each([
    ["How much money came into C-000032's accounts in May 2026?", 'income'],
    ['net of income minus spending for C-000025 in march 2026', 'net'],
    ["By how many percent did C-000037's spending change from February 2026 to March 2026?", 'spend'],
    ['how much is in A-000040-1 right now', 'balance'],
    ["how much is left on C-000007's accounts", 'balance'],
    ['any fraudulent-looking payments in the data?', 'anomalies'],
    ['money out in the last three months for C-000034', 'spend'],
    ['how much incme did C-000036 get in march 2026', 'income'],
  ])('class fix: %s -> %s', (question, metric) => {
    expect(parseQuestion(question).metric).toBe(metric);
  });

  it('does not read the measure word "income" as the category Income', () => {
    expect(parseQuestion('net of income minus spending for C-000025 in march 2026').category).toBeUndefined();
  });

  it('reads days written in words as a day range', () => {
    expect(parseQuestion('spend of C-000038 from 1 March 2026 to 15 April 2026').times).toEqual([{ kind: 'between', from: '2026-03-01', to: '2026-04-15' }]);
    expect(parseQuestion('spending of C-000007 in the period March 5 2026 to March 25 2026')).toMatchObject({
      times: [{ kind: 'between', from: '2026-03-05', to: '2026-03-25' }],
    });
    expect(parseQuestion('spending of C-000007 in the period March 5 2026 to March 25 2026').merchantText).toBeUndefined();
  });

  it('reads halves of a year and the first months of a year', () => {
    expect(parseQuestion('How much did C-1 spend in the first half of 2026?').times).toEqual([{ kind: 'half', half: 1, year: 2026 }]);
    expect(parseQuestion('spend in H2 2026').times).toEqual([{ kind: 'half', half: 2, year: 2026 }]);
    expect(parseQuestion('C-1 spending in the first three months of 2026').times).toEqual([{ kind: 'months_of_year', edge: 'first', count: 3, year: 2026 }]);
  });

  it('flags time words it cannot read instead of dropping them', () => {
    expect(parseQuestion('first half of May 2026 spend for C-1').unreadTime).toBe('first half');
    expect(parseQuestion('How much did C-1 spend in May 2026?').unreadTime).toBeUndefined();
  });

  it.each([
    ['biggest spending category for C-000036 in may 2026', 'category'],
    ['What did C-000023 spend most of their money on in February 2026?', 'category'],
    ["C-000024's number one merchant by spend, Feb 2026", 'merchant'],
  ])('reads a single-winner ranking: %s', (question, dimension) => {
    expect(parseQuestion(question)).toMatchObject({ dimension, topN: 1 });
  });

  it.each(['How much did C-000031 spend and earn in February 2026?', 'C-000005 in march 2026: spending and income', 'How much did C-1 spend in March 2026 and how much did they earn?'])(
    'reads spend and income asked together: %s',
    (question) => {
      expect(parseQuestion(question)).toMatchObject({ metric: 'net', parts: ['spend', 'income'] });
    },
  );

  it('keeps the corrections it made, for the answer to say', () => {
    expect(parseQuestion('total spendng of C-000024 in aprl 2026')).toMatchObject({
      metric: 'spend',
      times: [{ kind: 'month', month: 4, year: 2026 }],
      corrections: [{ from: 'spendng', to: 'spending' }, { from: 'aprl', to: 'april' }],
    });
  });

  // Classes of miss the first sealed set showed (session 6); other phrasings than its questions.
  it.each([
    ['average monthly income of C-000009 in 2026', 'income'],
    ['What is the mean income per month for C-000012?', 'income'],
    ['average savings per month of C-000003 this year', 'net'],
    ['average monthly spending of C-000003', 'spend'],
  ])('averages the measure the question names: %s -> %s', (question, measure) => {
    const intent = parseQuestion(question);
    expect(intent).toMatchObject({ metric: 'average', averageMeasure: measure, averageOf: 'month' });
    expect(intent.category).toBeUndefined();
  });

  it.each([
    ["What was C-000029's largest expense category in May 2026?", 'category'],
    ['largest purchase category of C-000002 last month', 'category'],
    ['the top expense city for C-000004 in 2026', 'city'],
  ])('reads "largest expense <dimension>" as a ranking, not the largest transaction: %s', (question, dimension) => {
    expect(parseQuestion(question)).toMatchObject({ metric: 'spend', dimension, topN: 1 });
  });

  it('still reads "largest expenses" as the largest transactions', () => {
    expect(parseQuestion('the 3 largest expenses of C-000006 in March 2026').metric).toBe('largest');
  });

  it.each([
    'Did C-000022 end February 2026 with a surplus or a deficit?',
    'was C-000002 in the red in March 2026',
    "C-000010's shortfall in April 2026",
  ])('reads surplus / deficit words as the net: %s', (question) => {
    expect(parseQuestion(question).metric).toBe('net');
  });
});
