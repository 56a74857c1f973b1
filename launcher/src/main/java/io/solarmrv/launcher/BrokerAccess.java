package io.solarmrv.launcher;

import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthInput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthOutput;
import com.hivemq.extension.sdk.api.auth.parameter.TopicPermission;
import com.hivemq.extension.sdk.api.packets.auth.DefaultAuthorizationBehaviour;
import com.hivemq.extension.sdk.api.packets.auth.ModifiableDefaultPermissions;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import com.hivemq.extension.sdk.api.services.builder.Builders;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * The embedded broker's sign-in and ACL, as a HiveMQ extension: a client without a known account
 * and its password is refused at CONNECT; a signed-in client may publish and subscribe only to its
 * account's topic filters (everything else denied: a publish is dropped, a subscription refused).
 */
final class BrokerAccess implements ExtensionMain {
    private final BrokerAccounts accounts;

    BrokerAccess(BrokerAccounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public void extensionStart(ExtensionStartInput input, ExtensionStartOutput output) {
        Services.securityRegistry().setAuthenticatorProvider(provider -> (SimpleAuthenticator) this::onConnect);
    }

    private void onConnect(SimpleAuthInput input, SimpleAuthOutput output) {
        Optional<String> username = input.getConnectPacket().getUserName();
        Optional<ByteBuffer> password = input.getConnectPacket().getPassword();
        if (username.isEmpty() || password.isEmpty()) {
            output.failAuthentication(ConnackReasonCode.NOT_AUTHORIZED, "sign in with a broker account: anonymous clients are refused");
            return;
        }
        byte[] secret = new byte[password.get().remaining()];
        password.get().duplicate().get(secret);
        Optional<BrokerAccounts.Account> account = accounts.signIn(username.get(), secret);
        if (account.isEmpty()) {
            output.failAuthentication(ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD, "unknown account or wrong password");
            return;
        }
        ModifiableDefaultPermissions permissions = output.getDefaultPermissions();
        account.get().publish().forEach(filter -> permissions.add(permission(filter, TopicPermission.MqttActivity.PUBLISH)));
        account.get().subscribe().forEach(filter -> permissions.add(permission(filter, TopicPermission.MqttActivity.SUBSCRIBE)));
        permissions.setDefaultBehaviour(DefaultAuthorizationBehaviour.DENY);
        output.authenticateSuccessfully();
    }

    private static TopicPermission permission(String filter, TopicPermission.MqttActivity activity) {
        return Builders.topicPermission().topicFilter(filter).type(TopicPermission.PermissionType.ALLOW).activity(activity).build();
    }

    @Override
    public void extensionStop(ExtensionStopInput input, ExtensionStopOutput output) {
        // nothing held
    }
}
