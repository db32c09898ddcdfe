export { s3ObjectStoreOptionsSchema, s3OptionsFromEnv, type S3Env, type S3ObjectStoreOptions } from './configuration.ts';
export { openS3ObjectStore, type OpenedS3ObjectStore } from './factory.ts';
