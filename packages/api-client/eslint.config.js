export { default } from '@xb/eslint-config';
