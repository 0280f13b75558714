import { PlatformModule } from '@app/platform';
import { TransportModule } from '@app/transport';
import { assertRoleCanRunAlone } from '@app/transport/roles';
import { type DynamicModule, Module, type ModuleMetadata } from '@nestjs/common';
import { ShopCommandsModule } from './commands/shop-commands.module';
import { ShopProjectorModule } from './projector/shop-projector.module';
import { ShopReplayModule } from './replay/shop-replay.module';
import { ShopApiModule } from './shop-api.module';
import { ShopConfig, type ShopRole } from './shop.config';
import {
  type ShopStoreBackend,
  shopStoreBackend,
  ShopStoreModule,
} from './store/shop-store.module';

type Imports = NonNullable<ModuleMetadata['imports']>;

/** How one process is put together; `forConfig` reads it from the settings. */
export interface ShopParts {
  readonly role?: ShopRole | 'replay';
  /** `mongodb` when MONGO_URL is set, else `sql`. */
  readonly backend: ShopStoreBackend;
}

/**
 * Which modules serve each role. `all` (the default) runs the API and the projector in one
 * process; `replay` is the replay command's own process: the stores and the bus, no API, no
 * projector (which would write into the stores being rebuilt).
 */
const PARTS: Readonly<Record<Exclude<ShopRole, 'all'> | 'replay', () => Imports>> = {
  api: () => [ShopCommandsModule, ShopApiModule],
  projector: () => [ShopProjectorModule],
  replay: () => [ShopReplayModule],
};

/** The event-driven shop: products, customers and purchases as events (seed 004). */
@Module({})
export class ShopModule {
  /** The module for one process: `ROLE` picks the parts, `MONGO_URL` the stores. */
  static forConfig(config: ShopConfig): DynamicModule {
    assertRoleCanRunAlone('shop', config.ROLE, config);
    return ShopModule.forParts({ role: config.ROLE, backend: shopStoreBackend(config) });
  }

  /** Every part in one process, on the given stores (tests). */
  static forStore(backend: ShopStoreBackend): DynamicModule {
    return ShopModule.forParts({ backend });
  }

  static forParts({ role = 'all', backend }: ShopParts): DynamicModule {
    const served =
      role === 'all' ? [...PARTS.api(), ...PARTS.projector(), ...PARTS.replay()] : PARTS[role]();
    return {
      module: ShopModule,
      imports: [
        PlatformModule.forApp({ name: 'shop', config: ShopConfig }),
        // The store's module brings its database, and with it the durable inbox.
        ShopStoreModule.forBackend(backend),
        // In memory by default, keeping the log as Kafka does, so the replay can read it.
        TransportModule.forRoot({ inbox: false, pubSub: { retainConsumed: true } }),
        ...served,
      ],
    };
  }
}

/** Whether a process of this role serves REST and GraphQL (main.ts mounts the docs then). */
export function servesShopApi(role: ShopRole): boolean {
  return role === 'all' || role === 'api';
}
