module.exports = require('../../jest.int.preset.js')('observability');
