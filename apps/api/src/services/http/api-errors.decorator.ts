import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { ApiErrorBody } from '@updraft/api-types';

/** Declares the error answers a route has beyond those every route has (the OpenAPI document adds those), as the JSON error shape. */
export const ApiErrors = (errors: Record<number, string>) =>
  applyDecorators(...Object.entries(errors).map(([status, description]) => ApiResponse({ status: Number(status), description, type: ApiErrorBody })));
