package dev.quern.job;

import dev.quern.api.Mapper;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

/**
 * What a mapper class declares about its input, read from its generic superclass: a
 * {@code Mapper<Long, Text, ...>} on TEXT input is handed each line as a reused {@code Text}, a
 * {@code Mapper<Long, String, ...>} (or one whose types are not written in its class) a {@code String}.
 */
public final class MapperTypes {

    private MapperTypes() {}

    /**
     * The value type the class, or the nearest superclass that names it, gives {@link Mapper}'s
     * {@code VIN}; {@code Object.class} when none does (a raw or still generic mapper).
     */
    public static Class<?> inputValueType(Class<?> mapperClass) {
        for (Class<?> c = mapperClass; c != null && c != Mapper.class; c = c.getSuperclass()) {
            Type parent = c.getGenericSuperclass();
            if (parent instanceof ParameterizedType p && p.getRawType() == Mapper.class) {
                Type vin = p.getActualTypeArguments()[1];
                if (vin instanceof Class<?> type) {
                    return type;
                }
                if (vin instanceof ParameterizedType generic && generic.getRawType() instanceof Class<?> raw) {
                    return raw;
                }
                return Object.class;
            }
        }
        return Object.class;
    }
}
