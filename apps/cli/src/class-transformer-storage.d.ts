// class-transformer ships this CommonJS entry point without a declaration beside it;
// its types live under types/. The schema generator needs the storage of @Type metadata.
declare module 'class-transformer/cjs/storage' {
  export { defaultMetadataStorage } from 'class-transformer/types/storage';
}
