package io.pushmon.common.channels;

/**
 * One setting of a channel kind.
 *
 * @param name     the key in {@code ChannelDefinition.settings} and in the API's JSON
 * @param required whether a channel of this kind needs it
 * @param secret   whether it carries a credential: the API masks it and nothing logs it
 * @param format   what its value must look like
 */
public record SettingSpec(String name, boolean required, boolean secret, SettingFormat format) {

    static SettingSpec required(String name, SettingFormat format, boolean secret) {
        return new SettingSpec(name, true, secret, format);
    }

    static SettingSpec optional(String name, SettingFormat format, boolean secret) {
        return new SettingSpec(name, false, secret, format);
    }
}
