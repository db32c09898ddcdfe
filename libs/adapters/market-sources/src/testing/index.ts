export { ReplayServer, type ReplayResponse, type RecordedRequest } from './replay-server.ts';
export { fixture } from './fixtures.ts';
