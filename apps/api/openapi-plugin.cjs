// The @nestjs/swagger compiler plugin fills the OpenAPI document from the DTO and response classes
// (their types, class-validator rules and TSDoc). The build (webpack) and the unit tests (ts-jest,
// which loads this file as an AST transformer) both apply it.
const plugin = require('@nestjs/swagger/plugin');

const options = { dtoFileNameSuffix: ['.dto.ts', '-types.ts'], classValidatorShim: true, introspectComments: true };

module.exports = {
  options,
  name: 'updraft-openapi',
  version: 1,
  factory: (compilerInstance) => plugin.before(options, compilerInstance.program),
};
