package dev.gatehouse.devicelogin;

import dev.gatehouse.web.Chrome;

/**
 * The {@code /device} page: type the code, then confirm who asks before approving or denying.
 *
 * @param typed   the code as typed or from the link, shown back in the form
 * @param pending the grant the code names once looked up, else {@code null}
 * @param outcome the sentence after a decision, else {@code null}
 */
public record DevicePage(Chrome chrome, String csrfToken, String typed, DeviceGrants.Pending pending, String error,
                         String outcome) {
}
