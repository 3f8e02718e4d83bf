import { BaseServiceConfig } from '@xb/service-kit';

/**
 * The policies service's environment, validated once at boot. Add its own variables here
 * (with class-validator decorators); secrets it needs also go into its registry line so
 * that `npm start` and the test stack generate them.
 */
export class PoliciesConfig extends BaseServiceConfig {}
