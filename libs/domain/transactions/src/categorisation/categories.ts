/**
 * The spending taxonomy shared by the categoriser, the generator, dbt seeds and the dashboard.
 * Kept deliberately small (16 categories): analysts group by `category`; `subcategory` is the
 * detail a customer would recognise on a statement.
 */
export const CATEGORY_TREE = {
  Groceries: ['Supermarkets', 'Convenience Stores', 'Bakeries', 'Specialty Food', 'Alcohol & Beverages'],
  Dining: ['Restaurants', 'Fast Food', 'Cafes', 'Bars & Nightlife', 'Food Delivery'],
  Transport: ['Public Transport', 'Taxi & Rideshare', 'Fuel', 'Parking & Tolls', 'Vehicle Maintenance', 'Vehicle Purchase'],
  Travel: ['Airlines', 'Hotels', 'Car Rental', 'Rail', 'Travel Agencies', 'Cruises & Tours'],
  Shopping: [
    'Clothing & Shoes',
    'Electronics',
    'Home & Garden',
    'Department Stores',
    'Online Marketplaces',
    'Books & Media',
    'Sporting Goods',
    'Jewellery & Luxury',
    'Gifts & Hobbies',
    'Pets',
    'General Merchandise',
    'Business Supplies',
  ],
  Utilities: ['Electricity & Gas', 'Water', 'Telecom', 'Internet & TV'],
  Housing: ['Rent', 'Mortgage', 'Insurance', 'Home Services', 'Furnishing & Repairs'],
  Health: ['Pharmacy', 'Doctors & Dentists', 'Hospitals', 'Optical', 'Fitness', 'Personal Care'],
  Entertainment: ['Movies & Events', 'Games', 'Sports & Recreation', 'Hobbies', 'Gambling'],
  Subscriptions: ['Streaming', 'Software & Cloud', 'News & Magazines', 'Memberships'],
  Education: ['Tuition', 'Schools', 'Courses', 'Childcare'],
  Cash: ['ATM Withdrawals', 'Cash Advances', 'Quasi Cash'],
  Fees: ['Bank Fees', 'Foreign Transaction Fees', 'Interest Charges', 'Taxes & Government'],
  Income: ['Salary', 'Pension', 'Interest', 'Business Revenue', 'Deposits', 'Benefits'],
  Transfers: ['Own Accounts', 'Money Transfers', 'Card Repayment', 'Investments'],
  Other: ['Professional Services', 'Charity', 'Government Services', 'Uncategorised'],
} as const satisfies Record<string, readonly string[]>;

export type Category = keyof typeof CATEGORY_TREE;
export type Subcategory = (typeof CATEGORY_TREE)[Category][number];

export const CATEGORIES = Object.keys(CATEGORY_TREE) as Category[];

export interface CategoryAssignment {
  category: Category;
  subcategory: Subcategory;
}

export function isKnownCategory(value: string): value is Category {
  return Object.hasOwn(CATEGORY_TREE, value);
}

/** True when `subcategory` belongs to `category` in the taxonomy. */
export function isKnownSubcategory(category: string, subcategory: string): boolean {
  if (!isKnownCategory(category)) return false;
  return (CATEGORY_TREE[category] as readonly string[]).includes(subcategory);
}
