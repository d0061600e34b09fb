package org.citylake.exchange;

import java.nio.file.Path;
import org.citylake.exchange.product.Product;
import org.citylake.lakehouse.Lake;
import org.citylake.lakehouse.config.LakeConfig;

/** {@link PublishIT}'s lake with the test product, for the tests of other packages. */
public final class PublishITAccess {

    private PublishITAccess() {}

    public static LakeConfig prepare(Path dataDir, String moreProperties) throws Exception {
        return PublishIT.prepare(dataDir, moreProperties);
    }

    public static void writeInput(Lake lake) {
        PublishIT.write(lake, PublishIT.INPUT, 1);
    }

    public static Product product(Lake lake) {
        return PublishIT.product(lake);
    }
}
