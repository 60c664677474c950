from droplets.cli import main

main()
