import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { CatalogViewService } from '../catalog/catalog-view.service.js';
import type { RefreshMetricsSink } from '../catalog/catalog-refresh.service.js';
import { droppedLogLines } from '../common/log-destination.js';

/** Prometheus metrics for the service; one registry per application instance. */
@Injectable()
export class MetricsService implements RefreshMetricsSink {
  readonly registry = new Registry();
  readonly httpRequests: Counter<'method' | 'route' | 'status'>;
  readonly httpDuration: Histogram<'method' | 'route'>;
  readonly graphqlOperations: Counter<'operation' | 'type' | 'outcome'>;
  readonly graphqlDuration: Histogram<'operation' | 'type'>;
  private readonly refreshRuns: Counter<'outcome'>;
  private readonly refreshDuration: Histogram<'outcome'>;

  constructor(view: CatalogViewService) {
    collectDefaultMetrics({ register: this.registry, prefix: 'eks_net_planner_' });
    this.httpRequests = new Counter({
      name: 'eks_net_planner_http_requests_total',
      help: 'HTTP requests by method, route and status',
      labelNames: ['method', 'route', 'status'],
      registers: [this.registry],
    });
    this.httpDuration = new Histogram({
      name: 'eks_net_planner_http_request_duration_seconds',
      help: 'HTTP request duration by method and route',
      labelNames: ['method', 'route'],
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
      registers: [this.registry],
    });
    this.graphqlOperations = new Counter({
      name: 'eks_net_planner_graphql_operations_total',
      help: 'GraphQL operations by operation name, type and outcome',
      labelNames: ['operation', 'type', 'outcome'],
      registers: [this.registry],
    });
    this.graphqlDuration = new Histogram({
      name: 'eks_net_planner_graphql_operation_duration_seconds',
      help: 'GraphQL operation duration by operation name and type',
      labelNames: ['operation', 'type'],
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
      registers: [this.registry],
    });
    this.refreshRuns = new Counter({
      name: 'eks_net_planner_catalog_refresh_runs_total',
      help: 'Catalog refresh runs by outcome',
      labelNames: ['outcome'],
      registers: [this.registry],
    });
    this.refreshDuration = new Histogram({
      name: 'eks_net_planner_catalog_refresh_duration_seconds',
      help: 'Catalog refresh duration by outcome',
      labelNames: ['outcome'],
      buckets: [1, 5, 10, 30, 60, 120, 300, 600],
      registers: [this.registry],
    });
    let droppedReported = 0;
    new Counter({
      name: 'eks_net_planner_log_lines_dropped_total',
      help: 'Log lines dropped because standard output did not take them fast enough (the log buffer was full)',
      registers: [this.registry],
      collect() {
        const now = droppedLogLines();
        this.inc(now - droppedReported);
        droppedReported = now;
      },
    });
    new Gauge({
      name: 'eks_net_planner_catalog_instance_types',
      help: 'Instance types in the catalog this replica serves',
      registers: [this.registry],
      collect() {
        this.set(view.all().length);
      },
    });
    new Gauge({
      name: 'eks_net_planner_catalog_age_seconds',
      help: 'Seconds since this replica loaded its catalog view',
      registers: [this.registry],
      collect() {
        const loaded = view.current()?.loadedAt;
        this.set(loaded ? (Date.now() - loaded.getTime()) / 1000 : -1);
      },
    });
  }

  onRefreshFinished(status: 'SUCCEEDED' | 'FAILED', seconds: number): void {
    this.refreshRuns.inc({ outcome: status });
    this.refreshDuration.observe({ outcome: status }, seconds);
  }
}
