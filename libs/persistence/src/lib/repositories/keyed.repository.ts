import { DataSource, DeepPartial, EntityTarget, FindOptionsWhere, ObjectLiteral, Repository } from 'typeorm';
import { Page, PageRequest } from './page';
import { isUniqueViolation } from './unique-violation';

export class DuplicateKeyError extends Error {
  constructor(
    readonly kind: string,
    readonly key: string,
  ) {
    super(`a ${kind} '${key}' already exists`);
  }
}

/** Tenant rows named by a key unique within the tenant (variables, connections). */
export abstract class KeyedRepository<E extends ObjectLiteral & { tenantId: string }> {
  protected constructor(
    protected readonly db: DataSource,
    private readonly entity: EntityTarget<E>,
    private readonly keyField: keyof E & string,
    private readonly kind: string,
  ) {}

  protected get rows(): Repository<E> {
    return this.db.getRepository(this.entity);
  }

  private where(tenantId: string, key: string): FindOptionsWhere<E> {
    return { tenantId, [this.keyField]: key } as FindOptionsWhere<E>;
  }

  /** In key order; `search` keeps the rows whose key contains it (any case). */
  async list(tenantId: string, page: PageRequest, search?: string): Promise<Page<E>> {
    const column =
      this.db.getMetadata(this.entity).findColumnWithPropertyName(this.keyField)?.databaseName ?? this.keyField;
    const [items, total] = await this.rows
      .createQueryBuilder('k')
      .where('k.tenant_id = :tenantId', { tenantId })
      .andWhere(search ? `k.${column} ILIKE :pattern ESCAPE '\\'` : '1 = 1', {
        pattern: `%${(search ?? '').replace(/[\\%_]/g, '\\$&')}%`,
      })
      .orderBy(`k.${this.keyField}`)
      .take(page.limit)
      .skip(page.offset)
      .getManyAndCount();
    return { items, total, ...page };
  }

  find(tenantId: string, key: string): Promise<E | null> {
    return this.rows.findOneBy(this.where(tenantId, key));
  }

  async create(tenantId: string, input: Omit<E, 'tenantId' | 'createdAt' | 'updatedAt'>): Promise<E> {
    try {
      return await this.rows.save({ tenantId, ...input } as DeepPartial<E>);
    } catch (error) {
      if (isUniqueViolation(error))
        throw new DuplicateKeyError(this.kind, String(input[this.keyField as keyof typeof input]));
      throw error;
    }
  }

  save(row: E): Promise<E> {
    return this.rows.save(row);
  }

  async remove(tenantId: string, key: string): Promise<boolean> {
    const result = await this.rows.delete(this.where(tenantId, key));
    return (result.affected ?? 0) > 0;
  }
}
