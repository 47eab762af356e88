// Not named jest.config.*: the @nx/jest plugin would then infer a unit `test` target for this project.
module.exports = require('../../jest.e2e.preset.js')('console-e2e');
