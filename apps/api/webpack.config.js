const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { join } = require('path');
const openapiPlugin = require('./openapi-plugin.cjs');

module.exports = {
  output: {
    path: join(__dirname, '../../dist/apps/api'),
    clean: true,
    ...(process.env.NODE_ENV !== 'production' && {
      devtoolModuleFilenameTemplate: '[absolute-resource-path]',
    }),
  },
  // The SQL functions' files (libs/persistence/src/lib/sql/functions) are bundled as their text.
  module: { rules: [{ test: /\.sql$/, type: 'asset/source' }] },
  plugins: [
    new NxAppWebpackPlugin({
      target: 'node',
      compiler: 'tsc',
      main: './src/main.ts',
      tsConfig: './tsconfig.app.json',
      assets: [],
      optimization: false,
      outputHashing: 'none',
      generatePackageJson: true,
      sourceMap: true,
      transformers: [{ name: '@nestjs/swagger/plugin', options: openapiPlugin.options }],
    }),
  ],
};
