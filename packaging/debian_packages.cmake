# CPack: `make package` (cpack -G DEB in build/) writes build/packages/subscope_<version>-1_<arch>.deb
# and subscope-server_<version>-1_<arch>.deb. The packages install under CMAKE_INSTALL_PREFIX,
# which `make package` sets to /usr.

set(SUBSCOPE_PACKAGE_MAINTAINER "The Subscope developers <subscope@users.noreply.github.com>"
    CACHE STRING "The Maintainer field of the Debian packages")

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME subscope)
set(CPACK_PACKAGE_VENDOR "The Subscope developers")
set(CPACK_PACKAGE_CONTACT "${SUBSCOPE_PACKAGE_MAINTAINER}")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_HOMEPAGE_URL "${PROJECT_HOMEPAGE_URL}")
set(CPACK_PACKAGE_DIRECTORY "${CMAKE_BINARY_DIR}/packages")
set(CPACK_PACKAGING_INSTALL_PREFIX "${CMAKE_INSTALL_PREFIX}")
set(CPACK_RESOURCE_FILE_LICENSE "${PROJECT_SOURCE_DIR}/LICENSE")
set(CPACK_STRIP_FILES ON)
# Each package's description starts with its own synopsis; CPack would put the project's before.
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "")

set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL desktop server)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${SUBSCOPE_PACKAGE_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "${PROJECT_HOMEPAGE_URL}")
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# Depends from the libraries the binaries link (dpkg-shlibdeps).
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)

set(CPACK_DEBIAN_DESKTOP_PACKAGE_NAME subscope)
set(CPACK_DEBIAN_DESKTOP_PACKAGE_SECTION devel)
# Qt's SVG icon engine draws the window icon; it is a plugin, which dpkg-shlibdeps cannot see.
set(CPACK_DEBIAN_DESKTOP_PACKAGE_DEPENDS "libqt6svg6")
set(CPACK_DEBIAN_DESKTOP_PACKAGE_SUGGESTS "subscope-server, redis-server")
# The first line is the synopsis.
set(CPACK_DEBIAN_DESKTOP_DESCRIPTION
    "GraphQL subscriptions explorer with an embedded server
Subscope is a desktop explorer for GraphQL subscriptions over WebSocket, with
an embedded server that speaks the wire protocol of Django Channels and
Graphene with the cypartagraphqlsubscriptionstools package: graphql-transport-ws
and the legacy graphql-ws, channel groups, and register and unregister
acknowledgements.
.
Client panels connect to the embedded server or to any other, each with its
own socket and subprotocol; the editor completes and validates subscriptions
as you type; the traffic inspector shows every frame; the trigger panel fires
events into any group, or model created, updated and deleted events.
.
The subscope program also runs the server without a window (subscope
--headless) and the commands validate, introspect, print-schema and trigger.")

set(CPACK_DEBIAN_SERVER_PACKAGE_NAME subscope-server)
set(CPACK_DEBIAN_SERVER_PACKAGE_SECTION net)
set(CPACK_DEBIAN_SERVER_PACKAGE_SUGGESTS "redis-server")
# dpkg keeps an operator's changes to the configuration across upgrades and removes it on purge.
file(WRITE ${CMAKE_CURRENT_BINARY_DIR}/debian/subscope-server/conffiles
     "${CMAKE_INSTALL_FULL_SYSCONFDIR}/subscope/server.conf\n")
set(CPACK_DEBIAN_SERVER_PACKAGE_CONTROL_EXTRA
    "${CMAKE_CURRENT_BINARY_DIR}/debian/subscope-server/conffiles"
    "${CMAKE_CURRENT_SOURCE_DIR}/debian/subscope-server/postinst"
    "${CMAKE_CURRENT_SOURCE_DIR}/debian/subscope-server/prerm"
    "${CMAKE_CURRENT_SOURCE_DIR}/debian/subscope-server/postrm")
set(CPACK_DEBIAN_SERVER_DESCRIPTION
    "GraphQL subscription server, wire-compatible with Django Channels
subscope-server serves GraphQL subscriptions over WebSocket exactly as Django
Channels and Graphene with the cypartagraphqlsubscriptionstools package do:
graphql-transport-ws and the legacy graphql-ws, channel groups, and register
and unregister acknowledgements. A client written for the Django package works
against it unchanged.
.
It serves as the subscription mock in a frontend's CI, with an HTTP API to
fire events and model events, or as a fan-out tier behind Redis, sharing groups
with channels_redis. It needs no graphical libraries.
.
The package holds a hardened systemd unit, subscope-server.service, configured
in /etc/subscope/server.conf and not enabled until an operator enables it.")

include(CPack)
