// Jest: a `.sql` file imported as its text, as webpack's asset/source does in the built apps.
module.exports = {
  process(sourceText) {
    return { code: `exports.__esModule = true; exports.default = ${JSON.stringify(sourceText)};` };
  },
};
