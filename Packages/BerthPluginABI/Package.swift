// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "BerthPluginABI",
    products: [.library(name: "BerthPluginABI", targets: ["BerthPluginABI"])],
    targets: [.target(name: "BerthPluginABI")]
)
