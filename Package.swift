// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "amends",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "amends", targets: ["amends"]),
    .library(name: "AmendsKit", targets: ["AmendsKit"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
  ],
  targets: [
    // libedit from Debian's libedit-dev; found through pkg-config.
    .systemLibrary(
      name: "CLibEdit",
      pkgConfig: "libedit",
      providers: [.apt(["libedit-dev"])]
    ),
    // Swift cannot call C variadic functions (el_set, history), so a tiny C shim wraps them.
    .target(name: "LineEditor", dependencies: ["CLibEdit"]),
    .target(
      name: "AmendsKit",
      dependencies: [.product(name: "Yams", package: "Yams")],
      exclude: ["Report/Scanner/README.md"],
      swiftSettings: [.swiftLanguageMode(.v6)]
    ),
    .executableTarget(
      name: "amends",
      dependencies: [
        "AmendsKit", "LineEditor",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      swiftSettings: [.swiftLanguageMode(.v6)]
    ),
    // Prints scoring figures; run by Benchmarks/run.sh in a release build, never a test.
    .executableTarget(
      name: "ScoringBenchmark",
      dependencies: ["AmendsKit"],
      path: "Benchmarks/ScoringBenchmark",
      swiftSettings: [.swiftLanguageMode(.v6)]
    ),
    // Fuzz targets (Fuzz/run.sh builds them with libFuzzer); a normal build replays inputs.
    .executableTarget(
      name: "AmendsFuzz",
      dependencies: ["AmendsKit"],
      path: "Fuzz/AmendsFuzz",
      swiftSettings: [.swiftLanguageMode(.v6)]
    ),
    .testTarget(
      name: "AmendsKitTests",
      dependencies: ["AmendsKit"],
      swiftSettings: [.swiftLanguageMode(.v6)]
    ),
    .testTarget(
      name: "AmendsCLITests",
      dependencies: ["AmendsKit"],
      swiftSettings: [.swiftLanguageMode(.v6)]
    ),
  ]
)
