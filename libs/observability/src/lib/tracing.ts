import {
  Attributes,
  context,
  Context,
  propagation,
  ROOT_CONTEXT,
  Span,
  SpanKind,
  SpanStatusCode,
  trace,
} from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import type { TracingConfig } from '@updraft/config';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppName } from './logging';

/** A trace context in its W3C wire form (`traceparent`, `tracestate`), as stored on a run. */
export type TraceCarrier = Record<string, string>;

const tracer = () => trace.getTracer('updraft');

/**
 * Starts exporting spans when tracing is configured (OTEL_* variables, read by @updraft/config);
 * without it the OpenTelemetry API stays a no-op and nothing below costs more than a call.
 */
export function startTracing(config: TracingConfig | null, app: AppName): { shutdown(): Promise<void> } | null {
  if (!config) return null;
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': config.serviceName || `updraft-${app}` }),
    spanProcessors: [
      new BatchSpanProcessor(new OTLPTraceExporter({ url: config.tracesUrl, headers: config.headers }), {
        scheduledDelayMillis: 1000,
      }),
    ],
  });
  provider.register({ propagator: new W3CTraceContextPropagator() });
  return { shutdown: () => provider.shutdown() };
}

/** The active span's context, to store with what outlives this process (a run); null when nothing is traced. */
export function activeTraceCarrier(): TraceCarrier | null {
  const carrier: TraceCarrier = {};
  propagation.inject(context.active(), carrier);
  return carrier['traceparent'] ? carrier : null;
}

/** A W3C `traceparent` a caller put in a run's conf (Airflow 3 allows the same), as a carrier. */
export function carrierFromConf(conf: Record<string, unknown>): TraceCarrier | null {
  const traceparent = conf['traceparent'];
  if (typeof traceparent !== 'string' || !/^[\da-f]{2}-[\da-f]{32}-[\da-f]{16}-[\da-f]{2}$/.test(traceparent))
    return null;
  const tracestate = conf['tracestate'];
  return typeof tracestate === 'string' ? { traceparent, tracestate } : { traceparent };
}

/** What names a run on its spans. */
export function runAttributes(run: { tenantId: string; dagId: string; runId: string }): Attributes {
  return { 'updraft.tenant_id': run.tenantId, 'updraft.dag_id': run.dagId, 'updraft.run_id': run.runId };
}

/** A new trace of its own (a span started and ended at once), as a carrier; null when nothing is traced. */
function ownTraceCarrier(name: string, attributes: Attributes): TraceCarrier | null {
  const span = tracer().startSpan(name, { root: true, attributes });
  span.end();
  const carrier: TraceCarrier = {};
  propagation.inject(trace.setSpan(ROOT_CONTEXT, span), carrier);
  return carrier['traceparent'] ? carrier : null;
}

/**
 * The trace a new run joins: a parent given in its conf, else the span it is created in (an API
 * request), else a trace of its own (a schedule tick, an asset event).
 */
export function newRunTraceContext(run: {
  tenantId: string;
  dagId: string;
  conf: Record<string, unknown>;
}): TraceCarrier | null {
  return (
    carrierFromConf(run.conf) ??
    activeTraceCarrier() ??
    ownTraceCarrier(`create run ${run.dagId}`, { 'updraft.tenant_id': run.tenantId, 'updraft.dag_id': run.dagId })
  );
}

function parentContext(parent: TraceCarrier | null | undefined): Context {
  return parent ? propagation.extract(ROOT_CONTEXT, parent) : context.active();
}

/**
 * Runs `work` inside a span (child of `parent` when given, else of the active span), ended when the
 * work settles, marked as an error when it throws.
 */
export function inSpan<T>(
  name: string,
  options: { parent?: TraceCarrier | null; attributes?: Attributes; kind?: SpanKind },
  work: (span: Span) => Promise<T>,
): Promise<T> {
  return tracer().startActiveSpan(
    name,
    { kind: options.kind ?? SpanKind.INTERNAL, attributes: options.attributes },
    parentContext(options.parent),
    async (span) => {
      try {
        return await work(span);
      } catch (error) {
        span.recordException(error as Error);
        span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
        throw error;
      } finally {
        span.end();
      }
    },
  );
}

/**
 * Express middleware: a server span per request, child of the caller's `traceparent` header when it
 * sends one, active while the request is served (so a run it creates carries it); named by the
 * route once Express has matched one.
 */
export function httpTracing(quietPaths: RegExp): (req: IncomingMessage, res: ServerResponse, next: () => void) => void {
  return (req, res, next) => {
    if (quietPaths.test(req.url ?? '')) return next();
    const parent = propagation.extract(ROOT_CONTEXT, req.headers);
    const span = tracer().startSpan(
      `${req.method} ${(req.url ?? '').split('?')[0]}`,
      { kind: SpanKind.SERVER, attributes: { 'http.request.method': req.method ?? '' } },
      parent,
    );
    res.once('finish', () => {
      const route = (req as IncomingMessage & { route?: { path?: string }; baseUrl?: string }).route?.path;
      if (route) span.updateName(`${req.method} ${(req as { baseUrl?: string }).baseUrl ?? ''}${route}`);
      span.setAttribute('http.response.status_code', res.statusCode);
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    });
    context.with(trace.setSpan(parent, span), next);
  };
}
