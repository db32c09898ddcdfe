import { z } from 'zod';

// fast-xml-parser yields a string for simple elements and an object (with #text and @_ attributes)
// for ones with attributes or CDATA; one child is an object, several are an array.
const textNode = z.union([z.string(), z.number().transform(String), z.object({ '#text': z.union([z.string(), z.number().transform(String)]) }).transform((n) => n['#text'])]);
const oneOrMany = <T extends z.ZodTypeAny>(item: T) => z.union([z.array(item), item.transform((one) => [one])]);

export const RssItemSchema = z.object({
  title: textNode,
  link: textNode.optional(),
  guid: textNode.optional(),
  pubDate: textNode,
  description: textNode.optional(),
});

export const RssFeedSchema = z.object({
  rss: z.object({ channel: z.object({ item: oneOrMany(z.unknown()).optional() }) }),
});

const atomLink = z.union([z.object({ '@_href': z.string() }).passthrough(), z.array(z.object({ '@_href': z.string(), '@_rel': z.string().optional() }).passthrough())]);

export const AtomEntrySchema = z.object({
  id: textNode,
  title: textNode,
  link: atomLink.optional(),
  published: textNode.optional(),
  updated: textNode,
  summary: textNode.optional(),
  content: textNode.optional(),
});

export const AtomFeedSchema = z.object({ feed: z.object({ entry: oneOrMany(z.unknown()).optional() }) });
