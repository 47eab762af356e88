const { join } = require('node:path');
const nxPreset = require('@nx/jest/preset').default;

module.exports = {
  ...nxPreset,
  transform: { ...nxPreset.transform, '^.+\\.sql$': join(__dirname, 'tools/test/sql-transform.cjs') },
  reporters: ['default', join(__dirname, 'tools/test/json-results-reporter.cjs')],
};
