import preset from '@xb/test-kit/jest-preset';

export default { ...preset };
