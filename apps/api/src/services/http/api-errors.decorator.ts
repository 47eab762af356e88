import { applyDecorators, Type } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ApiErrorBody } from '@updraft/api-types';

/** Declares the error answers a route has beyond those every route has (the OpenAPI document adds those), as the JSON error shape. */
export const ApiErrors = (errors: Record<number, string>) =>
  applyDecorators(
    ...Object.entries(errors).map(([status, description]) =>
      ApiResponse({ status: Number(status), description, type: ApiErrorBody }),
    ),
  );

/** A status whose body is one of several response classes (a route's answer and its dry run's), which the plugin cannot read from a union return type. */
export const ApiOneOfResponse = (status: number, description: string, ...types: Type<unknown>[]) =>
  applyDecorators(
    ApiExtraModels(...types),
    ApiResponse({ status, description, schema: { oneOf: types.map((type) => ({ $ref: getSchemaPath(type) })) } }),
  );
