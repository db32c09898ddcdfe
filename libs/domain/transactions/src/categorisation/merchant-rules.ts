import { CATEGORY_TREE, type Category, type CategoryAssignment } from './categories.ts';

/** A merchant-name rule: when `pattern` matches the upper-cased merchant, it wins over the MCC. */
export interface MerchantRule extends CategoryAssignment {
  pattern: RegExp;
}

function rule<C extends Category>(pattern: RegExp, category: C, subcategory: (typeof CATEGORY_TREE)[C][number]): MerchantRule {
  return { pattern, category, subcategory };
}

/**
 * Why merchant rules exist: acquirers often file well-known brands under a generic MCC (Netflix
 * under 4899 cable TV or 5968 continuity merchants, Uber Eats under 4121 taxis), so a known
 * brand name is the more specific signal. First match wins, so the more specific patterns
 * (UBER EATS) come before the broader ones (UBER).
 */
export const MERCHANT_RULES: readonly MerchantRule[] = [
  // Streaming and digital subscriptions
  rule(/\bNETFLIX\b/, 'Subscriptions', 'Streaming'),
  rule(/\bSPOTIFY\b/, 'Subscriptions', 'Streaming'),
  rule(/\bDISNEY ?(\+|PLUS)/, 'Subscriptions', 'Streaming'),
  rule(/\b(HBO ?MAX|MAX\.COM)\b/, 'Subscriptions', 'Streaming'),
  rule(/\bPRIME VIDEO\b/, 'Subscriptions', 'Streaming'),
  rule(/\bYOUTUBE (PREMIUM|MUSIC)\b/, 'Subscriptions', 'Streaming'),
  rule(/\bDEEZER\b/, 'Subscriptions', 'Streaming'),
  rule(/\bAPPLE ?(TV|MUSIC)\b/, 'Subscriptions', 'Streaming'),
  rule(/\bAMAZON PRIME\b/, 'Subscriptions', 'Memberships'),
  rule(/\b(ICLOUD|DROPBOX|GOOGLE ONE|MICROSOFT 365|ADOBE|GITHUB|NOTION|1PASSWORD|CHATGPT|OPENAI)\b/, 'Subscriptions', 'Software & Cloud'),
  rule(/\b(NYTIMES|NEW YORK TIMES|FINANCIAL TIMES|THE ECONOMIST|SPIEGEL\+?|LE MONDE|THE GUARDIAN)\b/, 'Subscriptions', 'News & Magazines'),
  // Food delivery before rideshare: UBER EATS is not a taxi ride
  rule(/\b(UBER ?EATS|DELIVEROO|LIEFERANDO|JUST ?EAT|WOLT|GLOVO|THUISBEZORGD|FOODORA)\b/, 'Dining', 'Food Delivery'),
  rule(/\b(UBER|BOLT|LYFT|FREE ?NOW|CABIFY)\b/, 'Transport', 'Taxi & Rideshare'),
  rule(/\b(STARBUCKS|COSTA COFFEE|PRET A MANGER|TIM HORTONS)\b/, 'Dining', 'Cafes'),
  // Independent cafes file under 5812/5814 like restaurants; the name is the better signal.
  rule(/\b(CAFE|CAFÉ|COFFEE|ESPRESSO)\b/, 'Dining', 'Cafes'),
  rule(/\b(MCDONALD'?S|BURGER KING|KFC|SUBWAY|FIVE GUYS|DOMINO'?S|PIZZA HUT)\b/, 'Dining', 'Fast Food'),
  // Travel
  rule(/\b(AIRBNB|BOOKING\.COM|EXPEDIA|HOTELS\.COM)\b/, 'Travel', 'Hotels'),
  rule(/\b(RYANAIR|EASYJET|LUFTHANSA|KLM|AIR FRANCE|BRITISH AIRWAYS|WIZZ ?AIR|EUROWINGS|SAS SCANDINAVIAN|IBERIA|VUELING|NORWEGIAN AIR)\b/, 'Travel', 'Airlines'),
  rule(/\b(DB BAHN|DEUTSCHE BAHN|SNCF|TRENITALIA|RENFE|EUROSTAR|NS INTERNATIONAL|OEBB|SBB|TRAINLINE)\b/, 'Travel', 'Rail'),
  rule(/\b(SIXT|EUROPCAR|HERTZ|AVIS|ENTERPRISE RENT)\b/, 'Travel', 'Car Rental'),
  // Transport
  rule(/\b(SHELL|ARAL|ESSO|TOTALENERGIES|BP|OMV|REPSOL|CIRCLE K|JET TANKSTELLE)\b/, 'Transport', 'Fuel'),
  rule(/\b(IONITY|TESLA SUPERCHARGER|ALLEGO|FASTNED)\b/, 'Transport', 'Fuel'),
  rule(/\b(BVG|MVG|RATP|TFL|GVB|ATM MILANO|EMT MADRID|SL ACCESS|RUTER|DSB|VBB|HVV)\b/, 'Transport', 'Public Transport'),
  // Health and fitness
  rule(/\b(MCFIT|BASIC-?FIT|PURE ?GYM|FITX|ANYTIME FITNESS|URBAN SPORTS CLUB|GYMPASS|CLEVER FIT)\b/, 'Health', 'Fitness'),
  rule(/\b(DM DROGERIE|ROSSMANN|BOOTS|APOTHEKE|PHARMACIE|FARMACIA|APOTEK)\b/, 'Health', 'Pharmacy'),
  // Shopping
  rule(/\b(AMAZON|AMZN MKTP|EBAY|ZALANDO|ALIEXPRESS|ETSY|BOL\.COM|ALLEGRO)\b/, 'Shopping', 'Online Marketplaces'),
  rule(/\b(IKEA|HORNBACH|OBI|BAUHAUS|LEROY MERLIN|B&Q)\b/, 'Shopping', 'Home & Garden'),
  rule(/\b(MEDIAMARKT|MEDIA MARKT|SATURN|FNAC|CURRYS|APPLE STORE|ELGIGANTEN)\b/, 'Shopping', 'Electronics'),
  rule(/\b(H&M|ZARA|PRIMARK|UNIQLO|C&A)\b/, 'Shopping', 'Clothing & Shoes'),
  rule(/\b(DECATHLON|INTERSPORT|SPORTS DIRECT)\b/, 'Shopping', 'Sporting Goods'),
  // Groceries
  rule(/\b(LIDL|ALDI|REWE|EDEKA|KAUFLAND|NETTO|PENNY|CARREFOUR|TESCO|SAINSBURY'?S|ALBERT HEIJN|JUMBO|MERCADONA|ESSELUNGA|COOP|MIGROS|ICA|BIEDRONKA|SPAR|AUCHAN|LECLERC|INTERMARCHE|DELHAIZE|BILLA|HOFER)\b/, 'Groceries', 'Supermarkets'),
  // Utilities and telecom
  rule(/\b(VODAFONE|TELEKOM|ORANGE (MOBILE|TELECOM)|O2|TELEFONICA|MOVISTAR|SWISSCOM|TELIA|TELENOR|T-MOBILE|PROXIMUS|KPN)\b/, 'Utilities', 'Telecom'),
  rule(/\b(E\.ON|RWE|VATTENFALL|ENEL|IBERDROLA|EDF|ENGIE|ENBW|OCTOPUS ENERGY|BRITISH GAS|FORTUM|ORSTED|STADTWERKE)\b/, 'Utilities', 'Electricity & Gas'),
  rule(/\bWATER (COMPANY|UTILITY|BOARD|SERVICES)\b|\bWASSERWERK/, 'Utilities', 'Water'),
  // Housing and insurance
  rule(/\bMORTGAGE\b|\bHYPOTHEK/, 'Housing', 'Mortgage'),
  rule(/\b(ALLIANZ|AXA|GENERALI|ZURICH INSURANCE|AVIVA|ERGO|HUK-COBURG|MAPFRE|INSURANCE|VERSICHERUNG)\b/, 'Housing', 'Insurance'),
  rule(/\b(PROPERTY MANAGEMENT|HAUSVERWALTUNG|LETTINGS|LANDLORD)\b/, 'Housing', 'Rent'),
  // Education, entertainment
  rule(/\b(DUOLINGO|COURSERA|UDEMY|BABBEL|MASTERCLASS|LINKEDIN LEARNING)\b/, 'Education', 'Courses'),
  rule(/\b(STEAM|STEAMGAMES|PLAYSTATION|XBOX|NINTENDO|EPIC GAMES)\b/, 'Entertainment', 'Games'),
  rule(/\b(TICKETMASTER|EVENTIM|EVENTBRITE|CINEMAXX|PATHE|VUE CINEMA|ODEON)\b/, 'Entertainment', 'Movies & Events'),
  // Income sources a salary-type credit might carry
  rule(/\b(PENSION|RENTENVERSICHERUNG|RETRAITE|PENSIONSKASSE)\b/, 'Income', 'Pension'),
  rule(/\b(CHILD BENEFIT|KINDERGELD|ALLOCATIONS FAMILIALES|KINDERBIJSLAG|BENEFITS AGENCY)\b/, 'Income', 'Benefits'),
  rule(/\b(STRIPE|SUMUP|SQUARE|ADYEN|PAYPAL) PAYOUT\b|\bINVOICE\b/, 'Income', 'Business Revenue'),
  rule(/\b(FOREIGN (TRANSACTION|EXCHANGE)|FX|CURRENCY CONVERSION) FEE\b/, 'Fees', 'Foreign Transaction Fees'),
];

/** The first merchant rule matching `merchant`, or `undefined`. */
export function matchMerchantRule(merchant: string): MerchantRule | undefined {
  const normalised = merchant.toUpperCase();
  return MERCHANT_RULES.find((candidate) => candidate.pattern.test(normalised));
}
