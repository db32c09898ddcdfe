import { CATEGORY_TREE, type Category, type Subcategory } from './categories.ts';

/** One row of the ISO 18245 merchant category code table, mapped onto our taxonomy. */
export interface MccEntry {
  /** Four-digit ISO 18245 code, kept as a string so leading zeros survive ("0742"). */
  code: string;
  description: string;
  category: Category;
  subcategory: Subcategory;
}

/**
 * Builds an entry whose subcategory is checked against its category at compile time, so a typo
 * in the table ("Groceries" / "Restaurants") is a type error rather than a silent bad mapping.
 */
export function mcc<C extends Category>(
  code: string,
  description: string,
  category: C,
  subcategory: (typeof CATEGORY_TREE)[C][number],
): MccEntry {
  return { code, description, category, subcategory };
}
