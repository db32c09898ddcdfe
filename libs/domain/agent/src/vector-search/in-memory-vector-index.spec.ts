import { describeNewsRetrievalContract } from '../testing/news-retrieval.contract.ts';
import { describeVectorIndexContract } from '../testing/vector-index.contract.ts';
import { InMemoryVectorIndex } from './in-memory-vector-index.ts';

describeVectorIndexContract('in-memory reference', async () => {
  const index = new InMemoryVectorIndex();
  return { index, cleanup: () => index.close() };
});

describeNewsRetrievalContract('in-memory reference', async () => {
  const index = new InMemoryVectorIndex();
  return { index, cleanup: () => index.close() };
});
