module.exports = require('../../jest.int.preset.js')('api');
