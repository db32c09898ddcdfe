export * from './model/money.ts';
export * from './model/transaction.ts';
export * from './model/customer.ts';
